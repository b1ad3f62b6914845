import { describe, expect, it } from 'vitest';
import { errorSignature } from './signature';

describe('an error reduced to its cause', () => {
  it('no message is no signature', () => {
    expect(errorSignature(undefined)).toBe('');
    expect(errorSignature('')).toBe('');
    expect(errorSignature('\n  \n')).toBe('');
  });

  it('keeps the first line with words, trimmed, without colour codes', () => {
    expect(errorSignature('\n   \n  \u001b[31mLocator not visible\u001b[39m  \n  at page.ts')).toBe('Locator not visible');
    expect(errorSignature('\u001b[2;31mboom\u001b[0m')).toBe('boom');
  });

  it('replaces each varying part by what it is', () => {
    const cases: [string, string][] = [
      ['GET https://api.example.test/v1/tasks?x=1 failed', 'GET <url> failed'],
      ["fetch 'http://127.0.0.1/a' refused", "fetch '<url>' refused"],
      ['at /work/main/e2e/tests/a.spec.ts:12:5 then', 'at <path> then'],
      ['at /work/e2e/pages/app.tsx:120 then', 'at <path> then'],
      ['snapshot /tmp/x/story@dark.png differs', 'snapshot <path> differs'],
      ['module /a/b.mjs and /c/d.json', 'module <path> and <path>'],
      ['trace 0123abcd9f and DEADBEEF99', 'trace <id> and <id>'],
      ['word deadbeef-ish', 'word <id>-ish'],
      ['waited 5000ms, then 1.5 s, then 20s', 'waited <time>, then <time>, then <time>'],
      ['waited 12.75ms', 'waited <time>'],
      ['connect to localhost:43121 and :80 failed', 'connect to localhost:<port> and :<port> failed'],
      ['expected 3 rows, got 45', 'expected <n> rows, got <n>'],
      ['port :7 and 123456ms', 'port :<n> and <time>'],
    ];
    for (const [message, signature] of cases) expect(errorSignature(message)).toBe(signature);
  });

  it('a short hex-like word is not an id, and a long line is cut at 300 characters', () => {
    expect(errorSignature('cafe babe')).toBe('cafe babe');
    expect(errorSignature(`failed: ${'word '.repeat(100)}`)).toHaveLength(300);
  });
});
