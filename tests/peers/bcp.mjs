// Drives Banana Cake Pop in Debian's chromium: opens the IDE at the GraphQL endpoint, runs a query, and prints
// one JSON line with what the IDE's own request got back: node bcp.mjs http://127.0.0.1:PORT/graphql "{ __typename }"
import { chromium } from 'playwright-core';

const [url, query = '{ __typename }'] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.STREAMENGINE_TEST_CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const deadline = setTimeout(() => { console.error('timed out'); process.exit(3); }, 90_000);
try {
  // The IDE's service worker reloads the page once it has cached itself; blocking it keeps the run deterministic.
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, serviceWorkers: 'block' });
  const page = await context.newPage();
  const posts = [];
  page.on('response', async (response) => {
    const request = response.request();
    if (request.method() === 'POST' && new URL(request.url()).pathname.startsWith('/graphql')) {
      posts.push({ request: JSON.parse(request.postData() || '{}'), status: response.status(), body: await response.text() });
    }
  });

  await page.goto(url);
  const landed = page.url();
  await page.getByRole('button', { name: 'Create Document' }).click();
  const editor = page.locator('.monaco-editor').first();
  await editor.waitFor();
  await editor.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.type(query);
  await page.waitForTimeout(1000);
  await page.keyboard.press('Control+Alt+Enter');

  const ran = () => posts.find((p) => p.request.query && p.request.query.replace(/\s+/g, ' ').includes(query.replace(/[{}]/g, '').trim()));
  for (let i = 0; i < 100 && !ran(); i++) await page.waitForTimeout(100);
  const result = ran();
  // What the person sees: the response pane's editor text.
  let shown = '';
  for (let i = 0; i < 50 && !shown.includes('"Query"'); i++) {
    shown = (await page.locator('.monaco-editor').allInnerTexts()).join('\n');
    await page.waitForTimeout(100);
  }
  if (process.env.BCP_SCREENSHOT) await page.screenshot({ path: process.env.BCP_SCREENSHOT });
  console.log(JSON.stringify({ landed, introspected: posts.some((p) => p.request.operationName === 'IntrospectionQuery'), result, shown }));
} finally {
  clearTimeout(deadline);
  await browser.close();
}
