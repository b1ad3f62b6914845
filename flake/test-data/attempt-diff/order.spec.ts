import { expect as playwrightExpect } from '@playwright/test';
import { withNumberedAssertions, test } from '../../../e2e/fixtures/attempt-record';

// Numbered assertions, as the suite's own expect (e2e/fixtures/test.ts).
const expect = withNumberedAssertions(playwrightExpect);

const ORIGIN = 'http://fixture.test';

// The page asks for /a and /b at once and lists the answers as they arrive. The first attempt (and
// the first repeat) answers /b first, as a backend under load might: that attempt fails.
test('lists the answers in the order asked', async ({ page }) => {
  const flipped = test.info().retry === 0 && test.info().repeatEachIndex === 0;
  const [first, second] = flipped ? ['/b', '/a'] : ['/a', '/b'];
  await page.route(`${ORIGIN}/`, (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<main><h1>Answers</h1><ol id="answers"></ol></main><script>
        for (const path of ['/a', '/b']) fetch(path).then((response) => response.text()).then((text) => {
          const item = document.createElement('li'); item.textContent = text; document.querySelector('#answers').append(item);
          if (document.querySelectorAll('li').length === 1) fetch('/shown');
        });</script>`,
    }),
  );
  await page.route(`${ORIGIN}${first}`, (route) => route.fulfill({ body: `answer ${first.slice(1)}` }));
  // The second answer leaves only once the page says it shows the first (it asks for /shown):
  // the order is the route's, not the network's.
  let shown!: () => void;
  const firstShown = new Promise<void>((resolve) => (shown = resolve));
  await page.route(`${ORIGIN}/shown`, async (route) => {
    await route.fulfill({ status: 204 });
    shown();
  });
  await page.route(`${ORIGIN}${second}`, async (route) => {
    await firstShown;
    await route.fulfill({ body: `answer ${second.slice(1)}` });
  });
  await page.goto(`${ORIGIN}/`);
  await expect(page.getByRole('listitem')).toHaveText(['answer a', 'answer b']);
});
