// Debian packages the gate installs for itself (Chromium, Prometheus, Alertmanager): only as root with apt-get.
import { spawnSync } from 'node:child_process';

/** Whether this process may install Debian packages (root, with apt-get on PATH). */
export function canApt() {
  return process.getuid?.() === 0 && spawnSync('which', ['apt-get']).status === 0;
}

/**
 * Installs `packages`; true when apt-get succeeded. `recommends: false` leaves out what Debian only
 * recommends (Prometheus recommends a node exporter nothing here runs).
 */
export function aptInstall(packages, { recommends = true } = {}) {
  const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  const install =
    update.status === 0 &&
    spawnSync('apt-get', ['install', '-y', '-qq', ...(recommends ? [] : ['--no-install-recommends']), ...packages], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  return Boolean(install && install.status === 0);
}
