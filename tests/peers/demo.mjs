// Drives the demo page in Debian's chromium: registers, uploads a clip with Uppy over tus, waits for READY without a reload,
// plays it, and prints what it observed as one JSON line: node demo.mjs <base url> <clip path>
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, signUpAndUpload, watchErrors } from './demo-steps.mjs';

const [base, clip] = process.argv.slice(2);
const browser = await launch();
const deadline = setTimeout(() => { console.error('timed out'); process.exit(3); }, 170_000);
try {
  const page = await browser.newPage();
  watchErrors(page);
  const loads = [];
  page.on('load', () => loads.push(page.url()));
  const tusRequests = [];
  page.on('request', (r) => { if (new URL(r.url()).pathname.startsWith('/uploads/')) tusRequests.push(`${r.method()} ${new URL(r.url()).pathname.split('/').slice(0, 3).join('/')}`); });
  const uploadPercents = [];
  const statuses = [];
  await page.exposeFunction('record', (kind, value) => (kind === 'upload' ? uploadPercents : statuses).push(value));
  await page.goto(base + '/demo/');
  await page.evaluate(() => {
    new MutationObserver(() => window.record('status', document.getElementById('video-status').textContent))
      .observe(document.getElementById('video-status'), { childList: true, characterData: true, subtree: true });
    new MutationObserver(() => window.record('upload', Number(document.getElementById('upload-progress').value)))
      .observe(document.getElementById('upload-progress'), { attributes: true, attributeFilter: ['value'] });
  });

  // A slow uplink (about 2 MB/s), so the progress bar has something to show between 0 and 100.
  const id = await signUpAndUpload(page, clip, async () => {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 2_000_000 });
  });

  await page.waitForFunction(() => document.getElementById('video-status').textContent === 'READY', null, { timeout: 150_000 });
  const uploadValue = await page.locator('#upload-progress').evaluate((e) => e.value);
  await page.waitForFunction(() => document.getElementById('quality').options.length > 1, null, { timeout: 30_000 });
  const qualities = await page.locator('#quality option').allTextContents();
  await page.locator('#video').evaluate((v) => { v.muted = true; return v.play(); });
  await page.waitForFunction(() => document.getElementById('video').currentTime > 1.5, null, { timeout: 30_000 });
  const currentTime = await page.locator('#video').evaluate((v) => v.currentTime);
  await page.waitForFunction(() => document.getElementById('views').textContent.length > 0, null, { timeout: 10_000 });
  const views = await page.locator('#views').textContent();

  // Timeline preview: hovering the seek bar shows the storyboard tile of that moment.
  const timeline = await page.locator('#timeline').boundingBox();
  await page.locator('#timeline').hover({ position: { x: timeline.width * 0.75, y: timeline.height / 2 } });
  await page.waitForFunction(() => !document.getElementById('preview').hidden, null, { timeout: 10_000 });
  const preview = await page.locator('#preview').evaluate((e) => ({ image: e.style.backgroundImage, position: e.style.backgroundPosition, time: Number(e.dataset.time) }));

  // Captions: the owner adds an SRT file; hls.js reads the master's SUBTITLES group and the browser gets a text track.
  const srt = join(tmpdir(), `demo-${id}.srt`);
  writeFileSync(srt, '1\n00:00:00,500 --> 00:00:05,000\nHello from the captions\n');
  await page.getByLabel('Caption language').fill('en');
  await page.getByLabel('Caption label').fill('English');
  await page.getByLabel('Caption file').setInputFiles(srt);
  await page.getByRole('button', { name: 'Add caption' }).click();
  await page.waitForFunction(() => [...document.getElementById('video').textTracks].some((t) => t.label === 'English'), null, { timeout: 30_000 });
  await page.locator('#video').evaluate((v) => { const t = [...v.textTracks].find((x) => x.label === 'English'); t.mode = 'showing'; v.currentTime = 1; return v.play(); });
  await page.waitForFunction(() => { const t = [...document.getElementById('video').textTracks].find((x) => x.label === 'English'); return t.cues && t.cues.length > 0; }, null, { timeout: 30_000 });
  const captions = await page.locator('#video').evaluate((v) => [...v.textTracks].filter((t) => t.cues?.length).map((t) => ({ label: t.label, language: t.language, kind: t.kind, text: t.cues[0].text, start: t.cues[0].startTime })));
  console.log(JSON.stringify({ loads: loads.length, tusRequests, uploadValue, uploadPercents, statuses, qualities, currentTime, views, preview, captions }));
} finally {
  clearTimeout(deadline);
  await browser.close();
}
