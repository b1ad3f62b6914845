import { relative } from 'node:path';
import { z } from 'zod';
import { attemptSchema, ledgerTestId, type Attempt } from './ledger';
import { errorSignature } from './signature';

// The parts of Playwright's JSON report (reporter `json`) the ledger needs; anything else is ignored.
const resultSchema = z.object({
  status: z.enum(['passed', 'failed', 'timedOut', 'skipped', 'interrupted']),
  duration: z.number(),
  retry: z.number().int().nonnegative(),
  startTime: z.string(),
  error: z.object({ message: z.string().optional() }).optional(),
  errors: z.array(z.object({ message: z.string().optional() })).optional(),
  attachments: z.array(z.object({ name: z.string(), path: z.string().optional() })).optional(),
});
const testSchema = z.object({
  projectName: z.string(),
  annotations: z.array(z.object({ type: z.string(), description: z.string().optional() })).optional(),
  results: z.array(z.unknown()),
});
interface JsonSuite {
  title: string;
  file?: string;
  specs?: { title: string; file?: string; line?: number; tags?: string[]; tests?: unknown[] }[];
  suites?: JsonSuite[];
}

/** A test as the report's list mode names it, with its quarantine annotation when it has one. */
export interface ListedTest {
  testId: string;
  project: string;
  /** The spec file, relative to the config's root directory, and the line of its test() call. */
  file: string;
  line: number;
  title: string;
  /** The describe blocks' titles and the test's: how Playwright's --test-list names it. */
  titlePath: string[];
  quarantine?: string;
}

type Visited = { fileTitle: string; describes: string[]; spec: NonNullable<JsonSuite['specs']>[number]; test: unknown };

function* eachTest(report: unknown): Generator<Visited> {
  const visit = function* (suite: JsonSuite, fileTitle: string, describes: string[]): Generator<Visited> {
    for (const spec of suite.specs ?? []) for (const test of spec.tests ?? []) yield { fileTitle, describes, spec, test };
    for (const child of suite.suites ?? []) yield* visit(child, fileTitle, [...describes, child.title]);
  };
  const suites = (report as { suites?: JsonSuite[] } | null)?.suites;
  // The top suites are the files, titled by their path within the project's test directory: the
  // name the recorder gives them (Playwright's titlePath), so both name a test alike.
  for (const suite of Array.isArray(suites) ? suites : []) yield* visit(suite, suite.title, []);
}

/** Every test the report lists (from `--list` or a run), read record by record; a malformed one is counted, not fatal. */
export function testsFromReport(report: unknown): { tests: ListedTest[]; skipped: number } {
  const tests: ListedTest[] = [];
  let skipped = 0;
  for (const { fileTitle, describes, spec, test } of eachTest(report)) {
    const parsed = testSchema.safeParse(test);
    if (!parsed.success) {
      skipped += 1;
      continue;
    }
    const quarantine = parsed.data.annotations?.find((annotation) => annotation.type === 'quarantine')?.description;
    tests.push({
      testId: ledgerTestId(parsed.data.projectName, fileTitle, spec.title),
      project: parsed.data.projectName,
      file: spec.file ?? fileTitle,
      line: spec.line ?? 0,
      title: spec.title,
      titlePath: [...describes, spec.title],
      ...(quarantine ? { quarantine } : {}),
    });
  }
  return { tests, skipped };
}

/**
 * The attempts of a Playwright JSON report in the ledger's shape, tagged with the run and the commit,
 * so a run of the gate (a push to main, a pull request) is read like a run of the flake recorder.
 * A result that is not one is counted in `skipped`; the others are kept.
 */
export function attemptsFromReport(report: unknown, tag: { run: string; commit: string; cwd?: string }): { attempts: Attempt[]; skipped: number } {
  const attempts: Attempt[] = [];
  // The report lists a test's `--repeat-each` copies in order of their index and does not name it.
  const repeatsSeen = new Map<string, number>();
  let skipped = 0;
  for (const { fileTitle, spec, test } of eachTest(report)) {
    const parsedTest = testSchema.safeParse(test);
    if (!parsedTest.success) {
      skipped += 1;
      continue;
    }
    const testId = ledgerTestId(parsedTest.data.projectName, fileTitle, spec.title);
    const repeat = repeatsSeen.get(testId) ?? 0;
    repeatsSeen.set(testId, repeat + 1);
    const quarantine = parsedTest.data.annotations?.find((annotation) => annotation.type === 'quarantine')?.description;
    for (const raw of parsedTest.data.results) {
      const result = resultSchema.safeParse(raw);
      if (!result.success) {
        skipped += 1;
        continue;
      }
      const { status, duration, retry, startTime, error, errors, attachments } = result.data;
      const tracePath = attachments?.find((attachment) => attachment.name === 'trace')?.path;
      const attempt = attemptSchema.safeParse({
        run: tag.run,
        commit: tag.commit,
        at: startTime,
        testId,
        title: spec.title,
        file: spec.file ?? fileTitle,
        project: parsedTest.data.projectName,
        outcome: status,
        duration,
        retry,
        repeat,
        signature: status === 'passed' || status === 'skipped' ? '' : errorSignature(error?.message ?? errors?.[0]?.message),
        ...(tracePath ? { trace: relative(tag.cwd ?? process.cwd(), tracePath) } : {}),
        ...(quarantine ? { quarantine } : {}),
      });
      if (attempt.success) attempts.push(attempt.data);
      else skipped += 1;
    }
  }
  return { attempts, skipped };
}
