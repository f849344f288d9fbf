// Steps the demo page tests share: Debian's chromium with the flags these machines need, and an account made and a
// clip uploaded through the page as a person would.
import { chromium } from 'playwright-core';

export const launch = () => chromium.launch({
  executablePath: process.env.STREAMENGINE_TEST_CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--no-first-run', '--autoplay-policy=no-user-gesture-required'],
});

/** Logs what goes wrong on the page to stderr (the test prints it when it fails). */
export function watchErrors(page) {
  page.on('pageerror', (e) => console.error('page error:', e.message));
  page.on('response', (r) => { if (r.status() >= 400) console.error('HTTP', r.status(), r.url()); });
  page.on('console', (m) => { if (m.type() === 'error') console.error('console:', m.text()); });
}

/** Creates an account on the page and starts the upload of `clip`; returns the random id used in its names. */
export async function signUpAndUpload(page, clip, beforeUpload = async () => {}) {
  const id = Math.random().toString(36).slice(2, 10);
  await page.getByLabel('E-mail').fill(`demo.${id}@example.com`);
  await page.getByLabel('Password').fill('violet-harbour-29');
  await page.getByLabel('Handle').fill(`demo_${id}`);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('heading', { name: 'Upload a video' }).waitFor();
  await page.getByLabel('Title').fill('Demo clip');
  await page.getByLabel('File', { exact: true }).setInputFiles(clip);
  await beforeUpload();
  await page.getByRole('button', { name: 'Upload' }).click();
  return id;
}
