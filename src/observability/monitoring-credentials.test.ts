import { afterEach, expect, it } from 'vitest';
import { configureAuth } from '../api/client';
import { consoleCredentials } from './monitoring-credentials';

afterEach(() => {
  configureAuth(
    () => null,
    () => undefined,
  );
  delete window.__CONSOLE_CONFIG__;
});

it("sends the console's sign-in to its own origin and its API's, never to another host", () => {
  configureAuth(
    () => 'mock.riley',
    () => undefined,
  );
  const own = new URL('/monitoring/alertmanager/api/v2/silences', window.location.href);
  expect(consoleCredentials(own)).toMatchObject({ authorization: 'Bearer mock.riley' });
  expect(consoleCredentials(new URL('https://prometheus.example.com/api/v1/query'))).toEqual({});
  window.__CONSOLE_CONFIG__ = { apiBaseUrl: 'https://api.example.com' };
  expect(consoleCredentials(new URL('https://api.example.com/monitoring/prometheus/api/v1/query'))).toMatchObject({ authorization: 'Bearer mock.riley' });
});
