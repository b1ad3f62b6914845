#!/usr/bin/env node
// The one place that finds Chromium for Playwright, Vitest browser mode, the visual runner and Percy.
// Order: CHROMIUM_PATH, Playwright's own browser when installed, /usr/bin/chromium; with none and
// root + apt-get, install Debian's chromium; otherwise stop with one line saying how to fix it.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

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

function playwrightChromium() {
  try {
    const require = createRequire(import.meta.url);
    const { chromium } = require('playwright-core');
    const path = chromium.executablePath();
    return path && existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

/** Finds Chromium without installing anything; undefined when there is none. */
export function findChromium() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH=${fromEnv} does not exist. Point it at a Chromium binary or unset it.`);
    return fromEnv;
  }
  return playwrightChromium() ?? (existsSync(DEBIAN_CHROMIUM) ? DEBIAN_CHROMIUM : undefined);
}

/** Finds Chromium, installing Debian's when possible; exits with one clear line otherwise. */
export function ensureChromium() {
  const found = findChromium();
  if (found) return found;
  const canApt = process.getuid?.() === 0 && spawnSync('which', ['apt-get']).status === 0;
  if (canApt) {
    console.log('Chromium not found; installing Debian\'s chromium package (apt-get)…');
    const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    const install = update.status === 0 && spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (install && install.status === 0 && existsSync(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM;
  }
  console.error('No Chromium found. Install one (as root: apt-get install chromium; or: npx playwright install chromium) or set CHROMIUM_PATH=/path/to/chromium.');
  process.exit(1);
}

/** Launch options for playwright's chromium.launch(), shared by every tool. */
export function chromiumLaunchOptions() {
  return { executablePath: findChromium(), args: OFFLINE_CHROMIUM_ARGS };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(ensureChromium());
