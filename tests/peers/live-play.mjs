// Plays a live HLS stream with the hls.js the server serves, in Debian's chromium, and measures glass-to-glass
// latency from the broadcaster's clock band (the top-left 320x20 pixels: 16 blocks of 20 px, black or white, the
// wall-clock time the frame was made, in tenths of a second since the epoch modulo 2^16, least significant bit first;
// LiveBroadcaster.ClockBand draws it). Broadcaster and browser share this machine's clock.
// node live-play.mjs <base url> <hls url> [low-latency: 1]
// Prints one JSON line: { currentTime, width, height, latencies: [ms...], hlsLatency }.
import { chromium } from 'playwright-core';

const [base, hlsUrl, lowLatency] = process.argv.slice(2);
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
  const result = await page.evaluate(async ({ hlsUrl, lowLatency }) => {
    const video = document.createElement('video');
    video.muted = true;
    document.body.append(video);
    const hls = new Hls(lowLatency ? { lowLatencyMode: true, liveSyncDurationCount: 2 } : { liveSyncDurationCount: 3 });
    await new Promise((resolve, reject) => {
      hls.on(Hls.Events.MANIFEST_PARSED, resolve);
      hls.on(Hls.Events.ERROR, (_, data) => { if (data.fatal) reject(new Error(data.details)); });
      hls.loadSource(hlsUrl);
      hls.attachMedia(video);
    });
    await video.play();
    const wait = (ms) => new Promise((r) => setTimeout(r, ms));
    const started = Date.now();
    while (video.currentTime < 4) {
      if (Date.now() - started > 60_000) throw new Error('did not play');
      await wait(200);
    }
    const canvas = document.createElement('canvas');
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    const context = canvas.getContext('2d', { willReadFrequently: true });
    const latencies = [];
    for (let i = 0; i < 10; i++) {
      await new Promise((r) => video.requestVideoFrameCallback(r));
      const now = Date.now();
      context.drawImage(video, 0, 0);
      const band = context.getImageData(0, 0, 320, 20).data;
      let tenths = 0;
      for (let bit = 0; bit < 16; bit++) {
        const at = (10 * 320 + bit * 20 + 10) * 4;
        if (band[at] > 128) tenths += 2 ** bit;
      }
      // Modulo 2^16 tenths (about 109 minutes): the difference, wrapped, is the frame's age.
      const age = (((Math.floor(now / 100) - tenths) % 65536) + 65536) % 65536;
      latencies.push(age * 100 + (now % 100) - 50);
      await wait(400);
    }
    return { currentTime: video.currentTime, width: video.videoWidth, height: video.videoHeight, latencies,
      hlsLatency: hls.latency };
  }, { hlsUrl, lowLatency: lowLatency === '1' });
  console.log(JSON.stringify(result));
} catch (e) {
  console.error(e.message);
  process.exitCode = 1;
} finally {
  clearTimeout(deadline);
  await browser.close();
}
