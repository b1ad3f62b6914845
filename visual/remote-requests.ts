import type { BrowserContext } from '@playwright/test';

/**
 * How long a remote host gets to answer before its resource counts as one that cannot be had:
 * shorter than the wait for the network to go idle (preview-page.ts), so a host that never
 * answers is failed before the capture, in every run.
 */
const REMOTE_TIMEOUT_MS = 3_000;

/**
 * Requests to origins other than the Storybook's (remote images, fonts, APIs) are fetched here and
 * passed on, or failed at once when they cannot be had (an offline machine, a host that does not
 * answer in time), and every later request for that URL is failed the same way without asking
 * again. So a remote image that cannot load is broken in every run, never only in the runs whose
 * capture came before the browser gave up on it. `takeFailed` returns the URLs failed since it
 * was last called, for the capture's notes.
 */
export async function failUnreachableRemotes(context: BrowserContext, storybookOrigin: string): Promise<{ takeFailed: () => string[] }> {
  const unreachable = new Set<string>();
  let failed: string[] = [];
  await context.route(
    (url) => url.protocol.startsWith('http') && url.origin !== storybookOrigin,
    async (route) => {
      const url = route.request().url();
      if (!unreachable.has(url)) {
        const response = await route.fetch({ timeout: REMOTE_TIMEOUT_MS, maxRedirects: 5 }).catch(() => undefined);
        // A page closed meanwhile has nobody to answer: nothing to do.
        if (response) return route.fulfill({ response }).catch(() => undefined);
        unreachable.add(url);
      }
      failed.push(url);
      await route.abort('internetdisconnected').catch(() => undefined);
    },
  );
  return {
    takeFailed() {
      const taken = [...new Set(failed)];
      failed = [];
      return taken;
    },
  };
}
