// `npm run visual:chromatic` / `npm run visual:percy`: the cloud services, only where their token
// (and network) exist; otherwise one line saying they were skipped and why. Never downloads a browser.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ensureChromium } from './browser.mjs';

const SERVICES = {
  chromatic: { token: 'CHROMATIC_PROJECT_TOKEN', command: 'chromatic', args: ['--config-file', 'chromatic.config.json'] },
  percy: { token: 'PERCY_TOKEN', command: 'percy', args: ['storybook', './storybook-static', '--config', '.percy.yml'] },
};

const name = process.argv[2];
const service = SERVICES[name];
if (!service) {
  console.error(`usage: cloud-visual.mjs ${Object.keys(SERVICES).join('|')}`);
  process.exit(2);
}
if (!process.env[service.token]) {
  console.log(`${name} skipped: ${service.token} is not set (a cloud service; the local compare, npm run test:visual, covers this machine).`);
  process.exit(0);
}

const root = process.cwd();
const build = spawnSync(process.execPath, [join(root, 'node_modules/storybook/dist/bin/dispatcher.js'), 'build', '-o', 'storybook-static', '--quiet'], {
  cwd: root,
  stdio: 'inherit',
});
if (build.status !== 0) process.exit(build.status ?? 1);
// Percy renders with our Chromium, never one it downloads.
const env = name === 'percy' ? { ...process.env, PERCY_BROWSER_EXECUTABLE: ensureChromium() } : process.env;
const result = spawnSync(join(root, 'node_modules', '.bin', service.command), service.args, { cwd: root, stdio: 'inherit', env });
process.exit(result.status ?? 1);
