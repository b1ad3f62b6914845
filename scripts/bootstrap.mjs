#!/usr/bin/env node
// Entry point of every npm script that must work on a fresh clone. Runs on any Node >= 18
// (the machine's own), installs dependencies when node_modules is missing or older than the
// lockfile, then re-runs the real script on the pinned Node 24 from node_modules/.bin/node.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stampFile = join(root, 'node_modules', '.agent-console-install');
const pinnedNode = join(root, 'node_modules', '.bin', 'node');

function lockHash() {
  const hash = createHash('sha256');
  for (const file of ['package.json', 'package-lock.json']) hash.update(readFileSync(join(root, file)));
  return hash.digest('hex');
}

function ensureDependencies() {
  const wanted = lockHash();
  const installed = existsSync(stampFile) ? readFileSync(stampFile, 'utf8').trim() : '';
  if (installed === wanted && existsSync(pinnedNode)) return;
  console.log(existsSync(join(root, 'node_modules')) ? 'Dependencies are out of date; running npm ci…' : 'Installing dependencies (npm ci)…');
  const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('npm ci failed. Check the npm registry is reachable, then run the command again.');
    process.exit(result.status ?? 1);
  }
  writeFileSync(stampFile, `${wanted}\n`);
}

let [script, ...args] = process.argv.slice(2);
// --chromium: the script drives a browser, so find (or install) Chromium first and say so plainly if none.
const needsChromium = script === '--chromium';
if (needsChromium) [script, ...args] = args;
if (!script) {
  console.error('usage: node scripts/bootstrap.mjs [--chromium] <script> [args…]');
  process.exit(2);
}
ensureDependencies();
if (needsChromium) {
  const found = spawnSync(pinnedNode, [join(root, 'scripts', 'browser.mjs')], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (found.status !== 0) process.exit(found.status ?? 1);
}
// Node keeps the code it compiled for each module on disk and every process the script starts
// reuses it: the gate starts some sixty Node processes (Playwright starts a worker for every
// repeat and after every failure), each loading the same test runners (docs/performance.md).
// Keyed by each file's content and the Node version, so a changed file is compiled again.
const env = { ...process.env, NODE_COMPILE_CACHE: process.env.NODE_COMPILE_CACHE ?? join(root, '.cache', 'node-compile-cache') };
const child = spawnSync(pinnedNode, [join(root, script), ...args], { cwd: process.cwd(), stdio: 'inherit', env });
process.exit(child.status ?? (child.signal ? 1 : 0));
