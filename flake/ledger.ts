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
  signature: z.string(),
  trace: z.string().optional(),
  quarantine: z.string().optional(),
});
export type Attempt = z.infer<typeof attemptSchema>;

/** How the ledger names a test: project, file (relative to the test directory) and title. */
export function ledgerTestId(project: string, file: string, title: string): string {
  return `${project} › ${file} › ${title}`;
}

export function appendAttempt(ledger: string, attempt: Attempt): void {
  mkdirSync(dirname(ledger), { recursive: true });
  appendFileSync(ledger, `${JSON.stringify(attempt)}\n`);
}

/** The ledger's attempts; a line that is not one (a torn write, an edit) is skipped and counted. */
export function readLedger(ledger: string): { attempts: Attempt[]; skipped: number } {
  if (!existsSync(ledger)) return { attempts: [], skipped: 0 };
  const attempts: Attempt[] = [];
  let skipped = 0;
  for (const line of readFileSync(ledger, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      const parsed = attemptSchema.safeParse(JSON.parse(line));
      if (parsed.success) attempts.push(parsed.data);
      else skipped += 1;
    } catch {
      skipped += 1;
    }
  }
  return { attempts, skipped };
}
