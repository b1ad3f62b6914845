#!/usr/bin/env node
// The one place that finds Prometheus and Alertmanager (Debian's packages `prometheus` and
// `prometheus-alertmanager`) for the gate and the monitoring tests, installing them as root with
// apt-get when missing, as browser.mjs does for Chromium. `node scripts/monitoring.mjs check` runs
// the configuration checks: promtool check rules, promtool test rules, amtool check-config.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { aptInstall, canApt } from './apt.mjs';

/** Each program, where Debian puts it, and the package that brings it. */
const PROGRAMS = {
  prometheus: { path: '/usr/bin/prometheus', env: 'PROMETHEUS_PATH', pkg: 'prometheus' },
  promtool: { path: '/usr/bin/promtool', env: 'PROMTOOL_PATH', pkg: 'prometheus' },
  alertmanager: { path: '/usr/bin/prometheus-alertmanager', env: 'ALERTMANAGER_PATH', pkg: 'prometheus-alertmanager' },
  amtool: { path: '/usr/bin/amtool', env: 'AMTOOL_PATH', pkg: 'prometheus-alertmanager' },
};

/** The configuration the checks read, relative to the repository root. */
export const MONITORING_FILES = { rules: 'monitoring/rules.yml', ruleTests: 'monitoring/rules.test.yml', alertmanager: 'monitoring/alertmanager.yml' };

/** Paths of the programs found (an `<NAME>_PATH` variable overrides), and the packages of the missing ones. */
export function findMonitoringPrograms() {
  /** @type {Partial<Record<keyof typeof PROGRAMS, string>>} */
  const found = {};
  const missing = new Set();
  for (const [name, program] of Object.entries(PROGRAMS)) {
    const path = process.env[program.env] || program.path;
    if (existsSync(path)) found[name] = path;
    else missing.add(program.pkg);
  }
  return { found, missing: [...missing] };
}

/** Finds the programs, installing Debian's packages when possible; names what is still missing and how to get it. */
export function ensureMonitoring() {
  let { found, missing } = findMonitoringPrograms();
  if (missing.length > 0 && canApt()) {
    console.log(`Installing Debian's ${missing.join(' and ')} (apt-get)…`);
    if (!aptInstall(missing, { recommends: false })) console.log(`apt-get could not install ${missing.join(' and ')}.`);
    ({ found, missing } = findMonitoringPrograms());
  }
  const problem =
    missing.length > 0
      ? `Missing ${missing.join(' and ')}: the monitoring checks and tests need the real Prometheus and Alertmanager (as root: apt-get install --no-install-recommends ${missing.join(' ')}; or set ${Object.values(
          PROGRAMS,
        )
          .map((program) => program.env)
          .join(', ')}).`
      : undefined;
  return { found, problem };
}

/** The three configuration checks, each with its command line and output; `ok` when all passed. */
export function checkMonitoringConfig(root = process.cwd()) {
  const { found, problem } = ensureMonitoring();
  if (problem) return { ok: false, checks: [{ name: 'monitoring programs', ok: false, output: problem }] };
  const file = (relative) => join(root, relative);
  const runs = [
    { name: 'promtool check rules', command: found.promtool, args: ['check', 'rules', file(MONITORING_FILES.rules)] },
    { name: 'promtool test rules', command: found.promtool, args: ['test', 'rules', file(MONITORING_FILES.ruleTests)] },
    { name: 'amtool check-config', command: found.amtool, args: ['check-config', file(MONITORING_FILES.alertmanager)] },
  ];
  const checks = runs.map(({ name, command, args }) => {
    const run = spawnSync(command, args, { encoding: 'utf8' });
    return { name, ok: run.status === 0, output: `${run.stdout ?? ''}${run.stderr ?? ''}${run.error ? run.error.message : ''}`.trim() };
  });
  return { ok: checks.every((check) => check.ok), checks };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [command] = process.argv.slice(2);
  if (command !== 'check') {
    console.error('Usage: node scripts/monitoring.mjs check');
    process.exit(2);
  }
  const { ok, checks } = checkMonitoringConfig();
  for (const check of checks) console.log(`${check.ok ? 'ok  ' : 'FAIL'} ${check.name}\n${check.output.replace(/^/gm, '     ')}`);
  process.exit(ok ? 0 : 1);
}
