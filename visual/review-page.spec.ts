// The review page in Chromium, driven by keyboard only, against a report the visual runner's own
// judge wrote: what the reviewer decides is what lands in the baselines and review.json.
import { expect, test } from '@playwright/test';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import type { Shot } from './capture';
import { judge, type Folders } from './judge';
import { writeReport } from './report';
import { readDecisions } from './review';
import { startReviewServer, type ReviewServer } from './review-server';
import type { Structure } from './structure';

function png(shade: number): Buffer {
  const image = new PNG({ width: 40, height: 20 });
  for (let offset = 0; offset < image.data.length; offset += 4) image.data.set([shade, shade, 255 - shade, 255], offset);
  return PNG.sync.write(image);
}

/** A badge whose `.badge` rule sets its padding, as our stylesheet does. */
const badge = (padding: string, text = 'Pending'): Structure => ({
  rules: [{ key: '.badge', declarations: { padding } }],
  nodes: [{ key: 'root/span.badge[0]', label: 'span.badge', text, styles: { padding }, rules: ['.badge'] }],
});

const STORIES = ['hitl-card--pending', 'hitl-card--approved', 'hitl-card--expired'];
let folders: Folders;
let server: ReviewServer;

test.beforeEach(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'visual-review-page-'));
  folders = { baselines: join(dir, 'visual', 'baselines'), report: join(dir, 'report') };
  mkdirSync(folders.baselines, { recursive: true });
  for (const sub of ['current', 'baseline', 'diff']) mkdirSync(join(folders.report, sub), { recursive: true });
  const shots: Shot[] = [];
  // Three captures changed by one padding edit, and one whose text changed.
  for (const [index, storyId] of STORIES.entries()) {
    writeFileSync(join(folders.baselines, `${storyId}@light.png`), png(10 * index));
    writeFileSync(join(folders.baselines, `${storyId}@light.json`), JSON.stringify(badge('0px 8px')));
    shots.push({
      storyId,
      title: 'HITL/Card',
      name: storyId.split('--')[1] ?? '',
      mode: 'light',
      notes: [],
      png: png(10 * index + 100),
      structure: badge('0px 7px'),
    });
  }
  writeFileSync(join(folders.baselines, 'widgets-frame--stale@light.png'), png(200));
  writeFileSync(join(folders.baselines, 'widgets-frame--stale@light.json'), JSON.stringify(badge('0px 8px', 'Stale')));
  shots.push({
    storyId: 'widgets-frame--stale',
    title: 'Widgets/Frame',
    name: 'Stale',
    mode: 'light',
    notes: [],
    png: png(250),
    structure: badge('0px 8px', 'Old'),
  });
  writeReport(
    folders.report,
    shots.map((shot) => judge(shot, folders)),
  );
  server = await startReviewServer(folders, { reviewer: 'Riley Reviewer' });
});

test.afterEach(async () => {
  await server.close();
});

const baseline = (capture: string) => readFileSync(join(folders.baselines, `${capture}.png`));
const current = (capture: string) => readFileSync(join(folders.report, 'current', `${capture}.png`));

test('keyboard only: accept a group, reject a capture, undo, and the baselines on disk follow the decisions', async ({ page }) => {
  await page.goto(server.url);
  await expect(page.getByRole('status')).toContainText('Review: a accepts');
  const group = page.getByRole('region', { name: /^3 captures: rule \.badge: padding 0px 8px → 0px 7px/ });
  await expect(group).toBeVisible();

  // j selects the first item: the largest group. a accepts it.
  await page.keyboard.press('j');
  await expect(group).toBeFocused();
  await page.keyboard.press('a');
  await expect(group).toContainText('Accepted by Riley Reviewer');
  for (const story of STORIES) expect(baseline(`${story}@light`).equals(current(`${story}@light`))).toBe(true);

  // The text change is its own group; in the story view it is a capture. Reject it with a reason.
  await page.getByRole('combobox', { name: 'View' }).selectOption('stories');
  await page.getByRole('textbox', { name: 'Reason for the next decision' }).fill('the label must not change');
  await page.keyboard.press('Escape');
  for (let step = 0; step < 4; step += 1) await page.keyboard.press('j');
  const stale = page.getByRole('region', { name: 'Widgets/Frame / Stale (light), changed' });
  await expect(stale).toBeFocused();
  await page.keyboard.press('r');
  await expect(stale).toContainText('Rejected by Riley Reviewer: the label must not change');
  expect(baseline('widgets-frame--stale@light').equals(png(200))).toBe(true);

  // k goes back to a capture of the accepted group; u undoes that capture's accept alone.
  await page.keyboard.press('k');
  const expired = page.getByRole('region', { name: 'HITL/Card / expired (light), changed' });
  await expect(expired).toBeFocused();
  await page.keyboard.press('u');
  await expect(expired).not.toContainText('Accepted');
  expect(baseline('hitl-card--expired@light').equals(png(20))).toBe(true);
  expect(baseline('hitl-card--pending@light').equals(current('hitl-card--pending@light'))).toBe(true);

  const decisions = readDecisions(folders.baselines).map(({ capture, decision, reviewer, reason }) => ({ capture, decision, reviewer, reason }));
  expect(decisions).toEqual([
    { capture: 'hitl-card--approved@light', decision: 'accepted', reviewer: 'Riley Reviewer', reason: undefined },
    { capture: 'hitl-card--pending@light', decision: 'accepted', reviewer: 'Riley Reviewer', reason: undefined },
    { capture: 'widgets-frame--stale@light', decision: 'rejected', reviewer: 'Riley Reviewer', reason: 'the label must not change' },
  ]);

  // ? lists the keys; Escape closes the list.
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog')).toContainText('reject it (the run stays failed)');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toBeHidden();
});

test('filters, search and diff modes show what the reviewer asks for', async ({ page }) => {
  await page.goto(server.url);
  await page.getByRole('combobox', { name: 'View' }).selectOption('stories');
  const captures = page.locator('section.capture:visible');
  await expect(captures).toHaveCount(4);
  await page.getByRole('searchbox', { name: 'Search' }).fill('stale');
  await expect(captures).toHaveCount(1);
  await page.getByRole('searchbox', { name: 'Search' }).fill('');
  await page.getByRole('button', { name: 'changed', exact: true }).click();
  await expect(captures).toHaveCount(0);
  await page.getByRole('button', { name: 'changed', exact: true }).click();
  await page.getByRole('combobox', { name: 'Compare' }).selectOption('diff');
  await expect(page.getByRole('img', { name: 'Diff of hitl-card--pending@light' })).toBeVisible();
  await expect(page.getByRole('img', { name: 'Baseline of hitl-card--pending@light' })).toBeHidden();
  await page.getByRole('combobox', { name: 'Compare' }).selectOption('overlay');
  await expect(page.getByRole('img', { name: 'Current over baseline of hitl-card--pending@light' })).toBeVisible();
});

test('the API refuses a request from another origin and names targets that do not exist', async ({ request }) => {
  const foreign = await request.post(`${server.url}api/accept`, { headers: { origin: 'https://evil.example' }, data: { targets: ['all'] } });
  expect(foreign.status()).toBe(403);
  const origin = server.url.replace(/\/$/, '');
  const unknown = await request.post(`${server.url}api/accept`, { headers: { origin }, data: { targets: ['c-nothing'] } });
  expect(unknown.status()).toBe(400);
  expect(await unknown.json()).toEqual({ error: 'nothing to decide for c-nothing' });
  expect(baseline('hitl-card--pending@light').equals(png(0))).toBe(true);
});
