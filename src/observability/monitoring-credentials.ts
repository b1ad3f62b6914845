import { authHeaders } from '../api/client';
import { runtimeConfig } from '../config/runtime-config';

/**
 * The console's sign-in goes only where the console's own API is (the page's origin, or the API's):
 * a proxy there checks the user's role before a silence is written. Never to another host.
 */
export function consoleCredentials(target: URL): Record<string, string> {
  const own = [window.location.origin, new URL(runtimeConfig().apiBaseUrl || '/', window.location.href).origin];
  return own.includes(target.origin) ? authHeaders() : {};
}
