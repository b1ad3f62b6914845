import { vi } from 'vitest';

/** What the page's `document.cookie = …` does in this DOM: hand the line to its cookie jar. */
function jarSetter(): (line: string) => void {
  const setter = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie')?.set;
  if (!setter) throw new Error('this DOM has no document.cookie setter');
  return (line) => setter.call(document, line);
}

/** Records every cookie line the page writes, and lets the jar take it. Restore with `spy.mockRestore()`. */
export function recordCookieWrites() {
  const toJar = jarSetter();
  const lines: string[] = [];
  const spy = vi.spyOn(document, 'cookie', 'set').mockImplementation((line: string) => {
    lines.push(line);
    toJar(line);
  });
  return { lines, spy };
}

/** Lets the jar take every cookie but those whose name `refused` says no to (a browser over its limits). */
export function refuseCookieWrites(refused: (name: string) => boolean) {
  const toJar = jarSetter();
  return vi.spyOn(document, 'cookie', 'set').mockImplementation((line: string) => {
    if (!refused(line.slice(0, line.indexOf('=')))) toJar(line);
  });
}
