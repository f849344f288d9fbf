// Plays an HLS URL with the hls.js the server serves, in Debian's chromium, forcing the variants whose codecs start
// with a prefix, and prints what played as one JSON line: node play-hls.mjs <base url> <hls url> <codec prefix>
// [t1,t2,...]: with the times, it then plays across each (from a second before it to 1.5 s after) and reports them.
import { chromium } from 'playwright-core';

const [base, hlsUrl, prefix, across] = process.argv.slice(2);
const crossings = (across || '').split(',').filter(Boolean).map(Number);
const browser = await chromium.launch({
  executablePath: process.env.STREAMENGINE_TEST_CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--no-first-run', '--autoplay-policy=no-user-gesture-required'],
});
const deadline = setTimeout(() => { console.error('timed out'); process.exit(3); }, 100_000);
try {
  const page = await browser.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(base + '/demo/');
  const result = await page.evaluate(async ({ hlsUrl, prefix, crossings }) => {
    const video = document.createElement('video');
    video.muted = true;
    document.body.append(video);
    const hls = new Hls();
    const levels = await new Promise((resolve, reject) => {
      hls.on(Hls.Events.MANIFEST_PARSED, (_, data) => resolve(data.levels));
      hls.on(Hls.Events.ERROR, (_, data) => { if (data.fatal) reject(new Error(data.details)); });
      hls.loadSource(hlsUrl);
      hls.attachMedia(video);
    });
    const wanted = levels.findIndex((l) => (l.videoCodec || '').startsWith(prefix));
    const supported = MediaSource.isTypeSupported(`video/mp4; codecs="${levels[wanted]?.videoCodec}"`);
    hls.currentLevel = wanted;
    await video.play();
    await new Promise((resolve, reject) => {
      const started = Date.now();
      const check = () => (video.currentTime > 1.5 ? resolve() : Date.now() - started > 60_000 ? reject(new Error('did not play')) : setTimeout(check, 200));
      check();
    });
    const currentTime = video.currentTime;
    const crossed = [];
    for (const t of crossings) {
      video.currentTime = t - 1;
      await new Promise((resolve, reject) => {
        const started = Date.now();
        const check = () => (video.currentTime > t + 1.5 ? resolve() : Date.now() - started > 30_000 ? reject(new Error(`stalled before ${t} s`)) : setTimeout(check, 100));
        check();
      });
      crossed.push(Math.round(video.currentTime * 10) / 10);
    }
    return { codecs: levels.map((l) => l.videoCodec), wanted, supported, playing: hls.levels[hls.currentLevel].videoCodec,
      currentTime, crossed, width: video.videoWidth, dropped: video.getVideoPlaybackQuality().droppedVideoFrames };
  }, { hlsUrl, prefix, crossings });
  console.log(JSON.stringify(result));
} finally {
  clearTimeout(deadline);
  await browser.close();
}
