import { expect as playwrightExpect } from '@playwright/test';
import { withNumberedAssertions, test } from '../../../e2e/fixtures/attempt-record';

// Numbered assertions, as the suite's own expect (e2e/fixtures/test.ts).
const expect = withNumberedAssertions(playwrightExpect);

const ORIGIN = 'http://fixture.test';

// The page asks for /a and /b at once and lists the answers as they arrive. The first attempt (and
// the first repeat) answers /b first, as a backend under load might: that attempt fails.
test('lists the answers in the order asked', async ({ page }) => {
  const flipped = test.info().retry === 0 && test.info().repeatEachIndex === 0;
  let answered!: () => void;
  const firstAnswered = new Promise<void>((resolve) => (answered = resolve));
  const [first, second] = flipped ? ['/b', '/a'] : ['/a', '/b'];
  await page.route(`${ORIGIN}/`, (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<main><h1>Answers</h1><ol id="answers"></ol></main><script>
        for (const path of ['/a', '/b']) fetch(path).then((response) => response.text()).then((text) => {
          const item = document.createElement('li'); item.textContent = text; document.querySelector('#answers').append(item);
        });</script>`,
    }),
  );
  await page.route(`${ORIGIN}${first}`, async (route) => {
    await route.fulfill({ body: `answer ${first.slice(1)}` });
    answered();
  });
  await page.route(`${ORIGIN}${second}`, async (route) => {
    await firstAnswered;
    await route.fulfill({ body: `answer ${second.slice(1)}` });
  });
  await page.goto(`${ORIGIN}/`);
  await expect(page.getByRole('listitem')).toHaveText(['answer a', 'answer b']);
});
