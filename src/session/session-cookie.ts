import { sessionSchema, type Session } from '../api/contract';

/**
 * The signed-in session lives in cookies rather than localStorage: it must survive a
 * localStorage filled to its quota (where dashboard state may legitimately use every byte),
 * and it ends with the browser session or at the session's own expiry, whichever is first.
 * SameSite=Strict keeps it off cross-site requests; the API is authorised by the bearer header,
 * never by this cookie, which is also why scripts must be able to read it.
 *
 * Browsers drop a cookie over about 4 KB without a word, so a long token is split over numbered
 * cookies, and every write is read back: a session no cookie could hold goes to sessionStorage
 * (a quota of its own), and failing that stays in memory with a notice that a reload signs out.
 */
export const SESSION_COOKIE = 'agent-console-session';
/**
 * When the session ends, without its token: the browser drops the session cookie at that moment,
 * so this one outlives it (by SESSION_END_KEPT_MS) for the sign-in page to say "your session
 * expired" rather than show a plain form. Sign-out removes it.
 */
const SESSION_END_COOKIE = 'agent-console-session-ends';
const SESSION_END_KEPT_MS = 30 * 24 * 3_600_000;
const SESSION_STORAGE_KEY = 'agent-console:session';
/** Characters of value per cookie, well under the ~4,096-byte limit for name, value and attributes. */
const CHUNK_CHARS = 3_800;
const MAX_CHUNKS = 20;

export type SessionPersistence = 'cookie' | 'session-storage' | 'memory';

export function readSessionCookie(now: Date = new Date()): Session | null {
  const session = storedSession();
  if (!session) return null;
  return new Date(session.expiresAt).getTime() > now.getTime() ? session : null;
}

/** Whether the last session stored is past its expiry (the sign-in page says so), its cookie dropped or not. */
export function storedSessionExpired(now: Date = new Date()): boolean {
  const session = storedSession();
  const endsAt = session ? new Date(session.expiresAt).getTime() : Date.parse(cookies().get(SESSION_END_COOKIE) ?? '');
  return !Number.isNaN(endsAt) && endsAt <= now.getTime();
}

function storedSession(): Session | null {
  return parseSession(readCookieValue()) ?? parseSession(readSessionStorage());
}

/** Stores `session` (null: signs out) and says where it could be kept. */
export function writeSessionCookie(session: Session | null): SessionPersistence {
  clearCookies();
  clearSessionStorage();
  if (!session) return 'cookie';
  const endsAt = new Date(session.expiresAt);
  setCookie(SESSION_END_COOKIE, endsAt.toISOString(), `; Expires=${new Date(endsAt.getTime() + SESSION_END_KEPT_MS).toUTCString()}`);
  const encoded = encodeURIComponent(JSON.stringify(session));
  const chunks = encoded.match(new RegExp(`.{1,${CHUNK_CHARS}}`, 'g')) ?? [];
  if (chunks.length <= MAX_CHUNKS) {
    const expires = `; Expires=${new Date(session.expiresAt).toUTCString()}`;
    if (chunks.length === 1) setCookie(SESSION_COOKIE, encoded, expires);
    else {
      chunks.forEach((chunk, index) => setCookie(`${SESSION_COOKIE}.${index}`, chunk, expires));
      setCookie(SESSION_COOKIE, `chunks:${chunks.length}`, expires);
    }
    if (readCookieValue() === encoded) return 'cookie';
    clearCookies();
  }
  try {
    sessionStorage.setItem(SESSION_STORAGE_KEY, encoded);
    if (readSessionStorage() === encoded) return 'session-storage';
  } catch {
    // Falls through: the session is kept in memory only.
  }
  return 'memory';
}

function parseSession(encoded: string | null): Session | null {
  if (!encoded) return null;
  try {
    const parsed = sessionSchema.safeParse(JSON.parse(decodeURIComponent(encoded)));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function cookies(): Map<string, string> {
  return new Map(
    document.cookie
      .split(';')
      .map((part) => part.trim())
      .filter(Boolean)
      .map((part) => {
        const at = part.indexOf('=');
        return at < 0 ? [part, ''] : [part.slice(0, at), part.slice(at + 1)];
      }),
  );
}

function readCookieValue(): string | null {
  const jar = cookies();
  const head = jar.get(SESSION_COOKIE);
  if (!head) return null;
  const chunked = /^chunks:(\d+)$/.exec(head);
  if (!chunked) return head;
  const parts: string[] = [];
  for (let index = 0; index < Number(chunked[1]); index += 1) {
    const part = jar.get(`${SESSION_COOKIE}.${index}`);
    if (part === undefined) return null;
    parts.push(part);
  }
  return parts.join('');
}

function attributes(): string {
  return `Path=/; SameSite=Strict${window.location.protocol === 'https:' ? '; Secure' : ''}`;
}

function setCookie(name: string, value: string, expires: string): void {
  document.cookie = `${name}=${value}; ${attributes()}${expires}`;
}

function clearCookies(): void {
  for (const name of cookies().keys()) {
    if (name === SESSION_COOKIE || name === SESSION_END_COOKIE || name.startsWith(`${SESSION_COOKIE}.`))
      document.cookie = `${name}=; Max-Age=0; ${attributes()}`;
  }
}

function readSessionStorage(): string | null {
  try {
    return sessionStorage.getItem(SESSION_STORAGE_KEY);
  } catch {
    return null;
  }
}

function clearSessionStorage(): void {
  try {
    sessionStorage.removeItem(SESSION_STORAGE_KEY);
  } catch {
    // Nothing stored there, or no sessionStorage at all.
  }
}
