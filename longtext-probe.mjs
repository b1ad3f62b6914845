import { chromium } from '@playwright/test';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--disable-background-networking','--disable-component-update','--disable-sync','--no-first-run','--disable-quic'] });
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
await page.goto('http://localhost:4400/sign-in');
await page.getByLabel('Username').fill('riley'); await page.getByLabel('Password').fill('agent-console');
await page.getByRole('button', { name: 'Sign in' }).click();
await page.waitForURL('**/dashboard');
await page.getByRole('button', { name: 'Refresh Metrics' }).waitFor();
const mk = (n, seed) => { let s = ''; let x = seed; const a = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'; for (let i = 0; i < n; i++) { x = (x * 1103515245 + 12345) & 0x7fffffff; s += a[x % 64]; } return s; };
for (const n of [1000, 4000, 10000]) {
  await page.evaluate(() => { window.__long = []; new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push(e.duration); }).observe({ type: 'longtask', buffered: false }); });
  const title = mk(n, n);
  const t0 = Date.now();
  await page.evaluate(([t, m]) => { const db = window.__mockBackend.backend.db; db.alerts.unshift({ id: 'a' + t.length, severity: 'error', title: t, message: m, createdAt: new Date().toISOString() }); db.tasks.push({ id: 'task-x' + t.length, title: t, agent: 'atlas', status: 'error', progress: 10, error: m, updatedAt: new Date().toISOString() }); }, [title, mk(n, 3)]);
  await page.getByRole('button', { name: 'Refresh Alerts' }).click();
  await page.getByRole('button', { name: 'Retry Tasks' }).count();
  await page.getByText(title.slice(0, 30)).first().waitFor();
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const longs = await page.evaluate(() => window.__long);
  console.log(n, 'wall', Date.now() - t0, 'ms; longest task', Math.max(0, ...longs).toFixed(0), 'ms', longs.length);
}
await browser.close();
