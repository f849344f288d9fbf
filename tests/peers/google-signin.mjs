// Signs in to the web app with Google, with Google Identity Services replaced by a stand-in (Google is unreachable
// here): the stand-in records the client id the app initialises it with and, when its button is pressed, hands the
// app the ID token given here (signed by the test's stand-in key). Prints one JSON line.
// node google-signin.mjs <base url> <id token>
import { chromium } from 'playwright-core';

const [base, idToken] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.STREAMENGINE_TEST_CHROMIUM || '/usr/bin/chromium',
  timeout: 90_000,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const deadline = setTimeout(() => { console.error('timed out'); process.exit(3); }, 120_000);
try {
  const page = await browser.newPage();
  page.setDefaultTimeout(60_000);
  const stand_in = `window.google = { accounts: { id: {
    initialize(options) { window.__gis = options; },
    renderButton(element) {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = 'Sign in with Google';
      button.onclick = () => window.__gis.callback({ credential: ${JSON.stringify(idToken)} });
      element.append(button);
    } } } };`;
  await page.route('https://accounts.google.com/gsi/client', (route) =>
    route.fulfill({ status: 200, contentType: 'text/javascript', body: stand_in }));
  await page.goto(`${base}/#/signin`);
  await page.getByRole('button', { name: 'Sign in with Google' }).click();
  await page.locator('a.me').waitFor();
  const result = {
    clientId: await page.evaluate(() => window.__gis.client_id),
    signedInAs: await page.locator('a.me').innerText(),
    hash: await page.evaluate(() => location.hash),
  };
  console.log(JSON.stringify(result));
} catch (error) {
  console.error(`failed: ${error.message}`);
  process.exitCode = 4;
} finally {
  clearTimeout(deadline);
  await browser.close();
}
