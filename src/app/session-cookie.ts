import { sessionSchema, type Session } from '../api/contract';

/**
 * The signed-in session lives in a cookie rather than localStorage: it must survive a
 * localStorage filled to its quota (where dashboard state may legitimately use every byte),
 * and it ends with the browser session. SameSite=Strict keeps it off cross-site requests;
 * the API is authorised by the bearer header, never by this cookie.
 */
export const SESSION_COOKIE = 'agent-console-session';

export function readSessionCookie(): Session | null {
  const prefix = `${SESSION_COOKIE}=`;
  const entry = document.cookie.split(';').map((part) => part.trim()).find((part) => part.startsWith(prefix));
  if (!entry) return null;
  try {
    const parsed = sessionSchema.safeParse(JSON.parse(decodeURIComponent(entry.slice(prefix.length))));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function writeSessionCookie(session: Session | null): void {
  const attributes = `Path=/; SameSite=Strict${window.location.protocol === 'https:' ? '; Secure' : ''}`;
  document.cookie = session
    ? `${SESSION_COOKIE}=${encodeURIComponent(JSON.stringify(session))}; ${attributes}`
    : `${SESSION_COOKIE}=; Max-Age=0; ${attributes}`;
}
