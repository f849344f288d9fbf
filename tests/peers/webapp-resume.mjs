// The studio's upload resumes after the page is closed mid-upload: the upload is throttled (the browser's own
// network emulation) and the page closed part way; a new page in the same browser profile chooses the same file, the
// app finds the earlier upload under the file's fingerprint and sends only the rest. Prints one JSON line.
// node webapp-resume.mjs <base url> <clip>
import { chromium } from 'playwright-core';

const [base, clip] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.STREAMENGINE_TEST_CHROMIUM || '/usr/bin/chromium',
  timeout: 90_000,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const deadline = setTimeout(() => { console.error('timed out'); process.exit(3); }, 200_000);
const out = { patches: [] };
try {
  const context = await browser.newContext();
  const watch = (page) => page.on('request', (r) => {
    if (r.method() === 'PATCH' || r.method() === 'HEAD' || r.url().includes('/uploads/tus')) out.patches.push(`${r.method()} ${r.headers()['upload-offset'] ?? ''}`);
  });
  const first = await context.newPage();
  first.setDefaultTimeout(60_000);
  watch(first);
  const handle = `r${Math.random().toString(36).slice(2, 8)}`;
  await first.goto(`${base}/#/register`);
  await first.getByLabel('E-mail address').fill(`${handle}@example.test`);
  await first.getByLabel('Password').fill('correct horse battery staple 9');
  await first.getByLabel('Handle').fill(handle);
  await first.getByRole('button', { name: 'Create account' }).click();
  await first.getByRole('heading', { name: 'Verify your e-mail address' }).waitFor();
  await first.goto(`${base}/#/studio`);
  await first.getByRole('heading', { name: 'Studio' }).waitFor();
  const cdp = await context.newCDPSession(first);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 1024 * 1024 });
  await first.locator('#upload-file').setInputFiles(clip);
  await first.getByLabel('Title', { exact: true }).fill('Resumed upload');
  await first.getByRole('button', { name: 'Upload', exact: true }).click();
  await first.waitForFunction(() => {
    const p = document.querySelector('progress');
    return p && p.value >= 15;
  }, null, { polling: 100 });
  out.closedAt = await first.locator('progress').evaluate((p) => p.value);
  await first.close();

  const second = await context.newPage();
  second.setDefaultTimeout(60_000);
  watch(second);
  await second.goto(`${base}/#/studio`);
  await second.getByRole('heading', { name: 'Studio' }).waitFor();
  await second.locator('#upload-file').setInputFiles(clip);
  await second.locator('.panel').getByLabel('Title', { exact: true }).fill('Resumed upload');
  await second.getByRole('button', { name: 'Upload', exact: true }).click();
  await second.getByText('Resuming an earlier upload of this file.').waitFor();
  out.resumedNotice = true;
  out.firstResumedPercent = await second.locator('progress').evaluate((p) => p.value);
  await second.getByText('Uploading: 100%').waitFor({ timeout: 120_000 });
  await second.locator('.studio-video [data-status="READY"]').waitFor({ timeout: 120_000 });
  out.videos = await second.locator('.studio-video').count();
  console.log(JSON.stringify(out));
} catch (error) {
  console.error(`failed: ${error.message}; ${JSON.stringify(out)}`);
  process.exitCode = 4;
} finally {
  clearTimeout(deadline);
  await browser.close();
}
