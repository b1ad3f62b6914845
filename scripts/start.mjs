// `npm start`: build when stale, then serve dist/ with the mock backend on PORT (default 4173).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { buildApp } from './build-app.mjs';

const root = process.cwd();
const realBackend = process.env.VITE_API_BASE_URL;
try {
  buildApp(root, { mocks: !realBackend });
} catch (error) {
  console.error(error.message);
  process.exit(1);
}
const port = process.env.PORT ?? '4173';
if (realBackend) console.log(`Mocks off: the console talks to ${realBackend}.`);
const server = spawn(
  join(root, 'node_modules', '.bin', 'tsx'),
  ['fixtures/adapters/serve.ts', '--port', port, '--static', 'dist', ...(realBackend ? [] : ['--app-mocks'])],
  { cwd: root, stdio: 'inherit' },
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
