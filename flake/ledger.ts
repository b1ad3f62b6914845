import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';

/** One attempt of one test, as the flake recorder writes it: a line of the history ledger. */
export const attemptSchema = z.object({
  run: z.string(),
  commit: z.string(),
  at: z.string(),
  testId: z.string(),
  title: z.string(),
  file: z.string(),
  project: z.string(),
  outcome: z.enum(['passed', 'failed', 'timedOut', 'skipped', 'interrupted']),
  duration: z.number(),
  retry: z.number().int().nonnegative(),
  /** Which of `--repeat-each`'s copies this is (0 without repeats); ledgers written before it lack it. */
  repeat: z.number().int().nonnegative().optional(),
  signature: z.string(),
  trace: z.string().optional(),
  quarantine: z.string().optional(),
});
export type Attempt = z.infer<typeof attemptSchema>;

/** How the ledger names a test: project (when the config has projects), file (relative to the test directory) and title. */
export function ledgerTestId(project: string, file: string, title: string): string {
  return project ? `${project} › ${file} › ${title}` : `${file} › ${title}`;
}

export function appendAttempt(ledger: string, attempt: Attempt): void {
  mkdirSync(dirname(ledger), { recursive: true });
  appendFileSync(ledger, `${JSON.stringify(attempt)}\n`);
}

/**
 * What makes an attempt itself: a second line with the same key is the same attempt written twice.
 * Two repeats of one test can start in the same millisecond on two workers, so the repeat is part of it.
 */
export function attemptKey(attempt: Attempt): string {
  return `${attempt.run}\u0000${attempt.testId}\u0000${attempt.repeat ?? 0}\u0000${attempt.retry}\u0000${attempt.at}`;
}

/**
 * The attempts of a ledger's text, line by line: a line that is not one (a torn write, an edit) is
 * skipped and counted, and so is an attempt written twice; one bad line never hides the others.
 */
export function parseLedgerText(text: string): { attempts: Attempt[]; skipped: number; duplicates: number } {
  const attempts: Attempt[] = [];
  const seen = new Set<string>();
  let skipped = 0;
  let duplicates = 0;
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const parsed = attemptSchema.safeParse(JSON.parse(line));
      if (!parsed.success) skipped += 1;
      else if (seen.has(attemptKey(parsed.data))) duplicates += 1;
      else {
        seen.add(attemptKey(parsed.data));
        attempts.push(parsed.data);
      }
    } catch {
      skipped += 1;
    }
  }
  return { attempts, skipped, duplicates };
}

/** The ledger file's attempts (none when it does not exist), as parseLedgerText reads them. */
export function readLedger(ledger: string): { attempts: Attempt[]; skipped: number; duplicates: number } {
  if (!existsSync(ledger)) return { attempts: [], skipped: 0, duplicates: 0 };
  return parseLedgerText(readFileSync(ledger, 'utf8'));
}
