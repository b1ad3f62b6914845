#!/usr/bin/env node
// The one place that finds Chromium for Playwright, Vitest browser mode, the visual runner and Percy.
// Order: CHROMIUM_PATH; for headless runs Debian's /usr/bin/chromium-headless-shell; Playwright's own
// browser when installed; /usr/bin/chromium. As root with apt-get, install Debian's chromium and its
// headless shell when missing; with no Chromium at all, stop with one line saying how to fix it.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { aptInstall, canApt } from './apt.mjs';

/** Flags that keep Chromium from reaching for the network it does not have (see ARCHITECTURE.md). */
export const OFFLINE_CHROMIUM_ARGS = [
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-gpu',
  '--font-render-hinting=none',
];

const DEBIAN_CHROMIUM = '/usr/bin/chromium';
// Chromium's headless-only build (the one Playwright itself runs headless tests in). Same engine and
// version as Debian's chromium, without the browser UI: a new context loading the console costs the
// machine about 0.7 CPU-s in it against 1.8 CPU-s in the full browser (docs/performance.md), and every
// headless tool here (E2E, the Storybook tests, the visual runner, the bench) pays that per page.
const DEBIAN_HEADLESS_SHELL = '/usr/bin/chromium-headless-shell';

function playwrightChromium() {
  try {
    const require = createRequire(import.meta.url);
    const { chromium } = require('@playwright/test');
    const path = chromium.executablePath();
    return path && existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Finds Chromium without installing anything; undefined when there is none. A headless run prefers
 * Debian's headless shell; a headed one (a developer watching a test) needs the full browser.
 */
export function findChromium({ headless = false } = {}) {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH=${fromEnv} does not exist. Point it at a Chromium binary or unset it.`);
    return fromEnv;
  }
  if (headless && existsSync(DEBIAN_HEADLESS_SHELL)) return DEBIAN_HEADLESS_SHELL;
  return playwrightChromium() ?? (existsSync(DEBIAN_CHROMIUM) ? DEBIAN_CHROMIUM : undefined);
}

/**
 * Finds Chromium, installing Debian's when possible; exits with one clear line otherwise. As root with
 * apt-get it also installs the headless shell the headless tools prefer; without it they run in the
 * full browser, slower, and say so.
 */
export function ensureChromium() {
  const wanted = [];
  if (!findChromium() && !findChromium({ headless: true })) wanted.push('chromium');
  if (!process.env.CHROMIUM_PATH && !existsSync(DEBIAN_HEADLESS_SHELL)) wanted.push('chromium-headless-shell');
  if (wanted.length > 0 && canApt()) {
    console.log(`Installing Debian's ${wanted.join(' and ')} (apt-get)…`);
    if (!aptInstall(wanted)) console.log(`apt-get could not install ${wanted.join(' and ')}.`);
  }
  // The headless shell alone serves every tool here but a headed run.
  const found = findChromium() ?? findChromium({ headless: true });
  if (found) {
    if (!process.env.CHROMIUM_PATH && !existsSync(DEBIAN_HEADLESS_SHELL)) {
      console.log(
        `No ${DEBIAN_HEADLESS_SHELL}: headless runs use ${found}, which costs about twice the CPU per page and renders text a little differently from the visual baselines (as root: apt-get install chromium-headless-shell).`,
      );
    }
    return found;
  }
  console.error(
    'No Chromium found. Install one (as root: apt-get install chromium chromium-headless-shell; or: npx playwright install chromium) or set CHROMIUM_PATH=/path/to/chromium.',
  );
  process.exit(1);
}

/** Launch options for playwright's chromium.launch(), shared by every tool. Headless unless told. */
export function chromiumLaunchOptions({ headless = true } = {}) {
  return { executablePath: findChromium({ headless }), args: OFFLINE_CHROMIUM_ARGS };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(ensureChromium());
