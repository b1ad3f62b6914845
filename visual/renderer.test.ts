import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { describeRenderer, readBaselineRenderer, rendererNotice, writeBaselineRenderer } from './renderer';
import { summaryMarkdown } from './report';

describe('the renderer recorded beside the baselines', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('names the version and the binary that drew them', () => {
    expect(describeRenderer('156.0.8078.79', '/usr/bin/chromium-headless-shell')).toBe('Chromium 156.0.8078.79 (chromium-headless-shell)');
    expect(describeRenderer('156.0.8078.79', undefined)).toBe("Chromium 156.0.8078.79 (Playwright's own build)");
  });

  it('reads back what an update wrote, and nothing from a folder without it', () => {
    dir = mkdtempSync(join(tmpdir(), 'renderer-'));
    expect(readBaselineRenderer(dir)).toBeUndefined();
    writeBaselineRenderer(join(dir, 'baselines'), 'Chromium 156.0.8078.79 (chromium)');
    expect(readBaselineRenderer(join(dir, 'baselines'))).toBe('Chromium 156.0.8078.79 (chromium)');
  });

  it("speaks up only when this run's browser differs from the baselines'", () => {
    const shell = 'Chromium 156.0.8078.79 (chromium-headless-shell)';
    expect(rendererNotice(shell, shell)).toBeUndefined();
    expect(rendererNotice(undefined, shell)).toBeUndefined();
    expect(rendererNotice(shell, ''), 'a run that drew nothing').toBeUndefined();
    const notice = rendererNotice(shell, 'Chromium 156.0.8078.79 (chromium)');
    expect(notice).toContain(`drawn by ${shell}; this run by Chromium 156.0.8078.79 (chromium)`);
    expect(summaryMarkdown([], '', notice)).toContain(`> ${notice}`);
    expect(summaryMarkdown([], '')).not.toContain('drawn by');
  });
});
