// The demo page plays a video while it is still encoding: uploads a clip (the test's server encodes in real time),
// waits for the player to start before READY, and prints one JSON line of what it saw:
// node early-play.mjs <base url> <clip path>
import { launch, signUpAndUpload, watchErrors } from './demo-steps.mjs';

const [base, clip] = process.argv.slice(2);
const browser = await launch();
const deadline = setTimeout(() => { console.error('timed out'); process.exit(3); }, 170_000);
try {
  const page = await browser.newPage();
  watchErrors(page);
  await page.goto(base + '/demo/');
  // Every status the page shows and when the player appears, in ms since the page opened (for a failure message).
  await page.evaluate(() => {
    const started = performance.now();
    window.seen = [];
    const note = (what) => window.seen.push(`${Math.round(performance.now() - started)} ms ${what}`);
    new MutationObserver(() => note(document.getElementById('video-status').textContent))
      .observe(document.getElementById('video-status'), { childList: true, characterData: true, subtree: true });
    new MutationObserver(() => note(document.getElementById('player').hidden ? 'player hidden' : 'player shown'))
      .observe(document.getElementById('player'), { attributes: true, attributeFilter: ['hidden'] });
  });
  await signUpAndUpload(page, clip);
  const status = () => page.locator('#video-status').textContent();

  // The player appears while the video is PROCESSING; it plays from the start on the growing playlists.
  await page.waitForFunction(() => !document.getElementById('player').hidden, null, { timeout: 120_000 });
  const statusWhenShown = await status();
  await page.locator('#video').evaluate((v) => { v.muted = true; return v.play(); });
  await page.waitForFunction(() => document.getElementById('video').currentTime > 2, null, { timeout: 30_000 });
  const early = { status: await status(), currentTime: await page.locator('#video').evaluate((v) => v.currentTime) };

  // READY arrives without a reload, and the same player goes on past what existed when it started.
  await page.waitForFunction(() => document.getElementById('video-status').textContent === 'READY', null, { timeout: 120_000 });
  await page.waitForFunction(() => document.getElementById('video').currentTime > 12, null, { timeout: 60_000 });
  const late = await page.locator('#video').evaluate((v) => ({ currentTime: v.currentTime, duration: v.duration }));
  const seen = await page.evaluate(() => window.seen);
  console.log(JSON.stringify({ statusWhenShown, early, late, seen }));
} finally {
  clearTimeout(deadline);
  await browser.close();
}
