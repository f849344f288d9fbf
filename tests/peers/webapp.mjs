// Walks the reference web app in Debian's chromium as two people would, through the public API only, and prints one
// JSON line with what it saw: node webapp.mjs <base url> <clip> <outbox dir> <screenshot dir>
// Account A registers, verifies its address with the mailed code, uploads, watches READY arrive without a reload,
// plays, likes, comments and replies; account B subscribes, sees the feed, adds the video to a playlist, searches;
// A deletes the video. Every page is screenshotted at desktop and phone widths and checked with axe-core.
import { chromium } from 'playwright-core';
import { readdirSync, readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const [base, clip, outbox, shots] = process.argv.slice(2);
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
mkdirSync(shots, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.STREAMENGINE_TEST_CHROMIUM || '/usr/bin/chromium',
  timeout: 90_000,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--no-first-run', '--autoplay-policy=no-user-gesture-required'],
});
const t0 = Date.now();
const out = { steps: [], screenshots: [], accessibility: {}, pageErrors: [], reloads: 0 };
const step = (name) => out.steps.push([name, Date.now() - t0]);
const deadline = setTimeout(() => { console.error(`timed out; ${JSON.stringify(out.steps)}`); process.exit(3); }, 280_000);
const desktop = { width: 1280, height: 800 };
const phone = { width: 390, height: 844 };
const suffix = Math.random().toString(36).slice(2, 8);

const pages = {};
async function person(name) {
  const context = await browser.newContext({ viewport: desktop });
  const page = await context.newPage();
  pages[name] = page;
  page.setDefaultTimeout(60_000);
  page.on('pageerror', (e) => out.pageErrors.push(`${name}: ${e.message}`));
  page.on('dialog', (d) => d.accept());
  page.on('load', () => { out.reloads++; });
  return page;
}

// Both widths, and axe-core's serious and critical violations of the page as it is.
async function capture(page, name) {
  await page.waitForTimeout(300);
  for (const [label, size] of [['desktop', desktop], ['phone', phone]]) {
    await page.setViewportSize(size);
    const path = join(shots, `${name}-${label}.png`);
    await page.screenshot({ path, fullPage: true });
    out.screenshots.push(path);
  }
  await page.setViewportSize(desktop);
  if (!(await page.evaluate(() => Boolean(window.axe)))) await page.addScriptTag({ path: axePath });
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
  });
  out.accessibility[name] = violations;
}

// Plays muted and waits for the position to pass `seconds`; play() is retried, as hls.js may still be attaching.
async function play(page, seconds) {
  await page.locator('video').waitFor();
  await page.waitForFunction((s) => {
    const v = document.querySelector('video');
    v.muted = true;
    if (v.paused && v.currentTime <= s) v.play().catch(() => {});
    return v.currentTime > s;
  }, seconds, { timeout: 60_000, polling: 250 });
  return page.locator('video').evaluate((v) => v.currentTime);
}

async function register(page, handle) {
  const email = `${handle}@example.test`;
  await page.goto(`${base}/#/register`);
  await page.getByLabel('E-mail address').fill(email);
  await page.getByLabel('Password').fill('correct horse battery staple 9');
  await page.getByLabel('Handle').fill(handle);
  await page.getByLabel('Display name').fill(`Person ${handle}`);
  if (handle.startsWith('a')) await capture(page, 'register');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('heading', { name: 'Verify your e-mail address' }).waitFor();
  const code = await mailedCode(email);
  await page.getByLabel('Verification code').fill(code);
  if (handle.startsWith('a')) await capture(page, 'verify');
  await page.getByRole('button', { name: 'Verify' }).click();
  await page.getByRole('heading', { name: 'Studio' }).waitFor();
  return email;
}

async function mailedCode(email) {
  for (const end = Date.now() + 30_000; Date.now() < end; await new Promise((r) => setTimeout(r, 250))) {
    let files = [];
    try { files = readdirSync(outbox).filter((f) => f.endsWith('.eml')); } catch { /* not yet made */ }
    for (const file of files) {
      const text = readFileSync(join(outbox, file), 'utf8');
      const code = /enter this code:\s*(\d{6})/.exec(text);
      if (code && text.includes(email)) return code[1];
    }
  }
  throw new Error(`no verification mail for ${email}`);
}

try {
  // First render of the home page, on a cold context.
  const cold = await person('cold');
  const started = Date.now();
  await cold.goto(`${base}/`);
  await cold.getByRole('heading', { name: 'Latest videos' }).waitFor();
  out.homeRenderMs = Date.now() - started;
  out.firstContentfulPaintMs = await cold.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null);
  await cold.context().close();

  const a = await person('a');
  const handleA = `a${suffix}`;
  await register(a, handleA);
  step('a registered and verified');
  const title = `Walk ${suffix} clip`;
  await a.locator('#upload-file').setInputFiles(clip);
  await a.getByLabel('Title', { exact: true }).fill(title);
  await a.getByRole('button', { name: 'Upload', exact: true }).click();
  out.reloads = 0;
  const item = a.locator('.studio-video', { hasText: title });
  await item.waitFor();
  out.firstStatus = await item.locator('[data-status]').getAttribute('data-status');
  await item.locator('[data-status="READY"]').waitFor({ timeout: 150_000 });
  out.readyWithoutReload = out.reloads === 0;
  step('ready');
  await capture(a, 'studio');

  // A poster from the frame at 2 s, and an English caption track, from the studio's edit panel.
  const posterBefore = await item.locator('img').getAttribute('src');
  await item.locator('summary').click();
  await item.getByLabel('Poster frame at (seconds)').fill('2');
  await item.getByRole('button', { name: 'Set poster' }).click();
  await a.waitForFunction((before) => {
    const img = [...document.querySelectorAll('.studio-video img')][0];
    return img && img.getAttribute('src') !== before;
  }, posterBefore);
  out.posterChanged = true;
  const vtt = join(shots, 'captions.vtt');
  writeFileSync(vtt, 'WEBVTT\n\n00:00:00.000 --> 00:00:03.000\nHello from the walk\n');
  await item.locator('input[name="captionFile"]').setInputFiles(vtt);
  await item.getByRole('button', { name: 'Add captions' }).click();
  await item.getByText('Captions: English').waitFor();
  await item.locator('summary').click();

  await item.getByRole('link', { name: title }).click();
  await a.getByRole('heading', { name: title }).waitFor();
  out.currentTime = await play(a, 1);
  out.qualities = await a.getByLabel('Quality').locator('option').allInnerTexts();
  await a.getByLabel('Captions').waitFor();
  out.captionOptions = await a.getByLabel('Captions').locator('option').allInnerTexts();
  step('played');

  await a.getByRole('button', { name: /^Like/ }).click();
  await a.locator('.like[aria-pressed="true"]').waitFor();
  out.likeCount = await a.locator('.like-count').innerText();
  await a.getByLabel('Add a comment').fill('First comment from the walk');
  await a.getByRole('button', { name: 'Comment', exact: true }).click();
  await a.getByText('First comment from the walk', { exact: true }).waitFor();
  await a.getByRole('button', { name: 'Reply', exact: true }).click();
  await a.getByLabel('Your reply').fill('A reply to it');
  await a.getByRole('button', { name: 'Post reply' }).click();
  await a.locator('.replies').getByText('A reply to it', { exact: true }).waitFor();
  out.commentsHeading = await a.locator('#comments-title').innerText();
  out.viewsText = await a.locator('.views').innerText();
  step('liked, commented, replied');
  await capture(a, 'watch');
  const watchUrl = a.url();

  const b = await person('b');
  const handleB = `b${suffix}`;
  await register(b, handleB);
  await b.goto(`${base}/#/channel/${handleA}`);
  await b.getByRole('button', { name: 'Subscribe' }).click();
  await b.getByRole('button', { name: 'Subscribed' }).waitFor();
  out.subscriberText = await b.locator('.subscriber-count').innerText();
  await capture(b, 'channel');
  await b.goto(`${base}/#/`);
  await b.getByRole('heading', { name: 'From your subscriptions' }).waitFor();
  out.feed = await b.locator('[aria-label="From your subscriptions"] .card-title').allInnerTexts();
  await capture(b, 'home');
  step('subscribed, feed');

  await b.goto(watchUrl);
  await b.getByRole('heading', { name: title }).waitFor();
  await play(b, 0.5);
  await b.getByRole('button', { name: 'Add to playlist' }).click();
  await b.getByLabel('New playlist title').fill('Walk favourites');
  await b.getByRole('button', { name: 'Create', exact: true }).click();
  await b.getByRole('button', { name: /^Added: Walk favourites/ }).waitFor();
  await b.goto(`${base}/#/playlists`);
  await b.locator('.list li', { hasText: '1 video' }).waitFor();
  out.playlistLine = await b.locator('.list li', { hasText: 'Walk favourites' }).innerText();
  await capture(b, 'playlists');
  await b.getByRole('link', { name: 'Walk favourites' }).click();
  await b.getByRole('heading', { name: 'Walk favourites' }).waitFor();
  out.playlistVideos = await b.locator('.card-title').allInnerTexts();
  await capture(b, 'playlist');
  await b.goto(`${base}/#/history`);
  await b.getByRole('heading', { name: 'Watch history' }).waitFor();
  await b.locator('.card-title', { hasText: title }).waitFor();
  out.history = await b.locator('.card-title').allInnerTexts();
  await capture(b, 'history');
  step('playlist, history');

  await b.goto(`${base}/#/`);
  await b.getByLabel('Search videos').fill(suffix);
  await b.getByRole('button', { name: 'Search', exact: true }).click();
  await b.getByRole('heading', { name: /result/ }).waitFor();
  out.searchHeading = await b.getByRole('heading', { name: /result/ }).innerText();
  await capture(b, 'search');

  await a.goto(`${base}/#/studio`);
  const mine = a.locator('.studio-video', { hasText: title });
  await mine.locator('summary').click();
  await mine.getByRole('button', { name: 'Delete' }).click();
  await mine.waitFor({ state: 'detached' });
  await b.getByRole('button', { name: 'Search', exact: true }).click();
  await b.getByRole('heading', { name: /0 results/ }).waitFor();
  out.searchAfterDelete = await b.getByRole('heading', { name: /results/ }).innerText();
  step('deleted');

  const anonymous = await person('anonymous');
  await anonymous.goto(`${base}/#/signin`);
  await anonymous.getByRole('heading', { name: 'Sign in' }).waitFor();
  await anonymous.getByRole('button', { name: 'Sign in' }).last().click();
  await anonymous.locator('.field-error, .form-error').first().waitFor();
  out.signInErrors = await anonymous.locator('.field-error, .form-error').allInnerTexts();
  out.googleOffered = await anonymous.locator('.google').count();
  await capture(anonymous, 'signin');
  console.log(JSON.stringify(out));
} catch (error) {
  // What each person's page showed when the walk stopped.
  for (const [name, page] of Object.entries(pages)) {
    await page.screenshot({ path: join(shots, `failed-${name}.png`), fullPage: true }).catch(() => {});
    out[`${name}Saw`] = await page.evaluate(() => `${location.hash}: ${document.querySelector('main')?.innerText}`).catch(() => '');
  }
  console.error(`failed: ${error.message}; ${JSON.stringify(out)}`);
  process.exitCode = 4;
} finally {
  clearTimeout(deadline);
  await browser.close();
}
