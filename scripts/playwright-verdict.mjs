// What the gate makes of a Playwright JSON report: a flake (passed only on retry) is a failure,
// by name; a quarantined test is run and listed but does not gate, unless its quarantine has
// expired or is malformed, which fails the gate.
import { daysLeft, parseQuarantine } from './quarantine.mjs';

const isQuarantined = (spec, test) =>
  (spec.tags ?? []).some((tag) => tag.replace(/^@/, '') === 'quarantine') || (test.annotations ?? []).some((a) => a.type === 'quarantine');

/** Every test of the report with its full title, flattened. */
function* eachTest(report) {
  const visit = function* (suite, path) {
    for (const spec of suite.specs ?? [])
      for (const test of spec.tests ?? []) yield { spec, test, title: `[${test.projectName}] ${[...path, spec.title].join(' › ')}` };
    for (const child of suite.suites ?? []) yield* visit(child, [...path, child.title].filter(Boolean));
  };
  for (const suite of report?.suites ?? []) yield* visit(suite, [suite.title]);
}

/**
 * @returns {{ counts: { passed: number, failed: number, skipped: number }, flaky: string[], failedTitles: string[],
 *   quarantined: { title: string, status: string, owner?: string, reason?: string, expires?: string, daysLeft?: number, problem?: string }[],
 *   problems: string[] }}
 */
export function playwrightVerdict(report, now = new Date()) {
  const counts = { passed: 0, failed: 0, skipped: 0 };
  const flaky = [];
  const failedTitles = [];
  const quarantined = [];
  const problems = (report?.errors ?? []).map((error) => `Playwright: ${error.message?.split('\n')[0] ?? 'an error outside any test'}`);
  for (const { spec, test, title } of eachTest(report)) {
    if (isQuarantined(spec, test)) {
      const annotation = (test.annotations ?? []).find((a) => a.type === 'quarantine');
      const parsed = annotation
        ? parseQuarantine(annotation.description)
        : { problem: 'it is tagged @quarantine without a quarantine annotation (write quarantine({ owner, reason, expires }))' };
      const entry = { title, status: test.status, ...parsed, ...('expires' in parsed ? { daysLeft: daysLeft(parsed.expires, now) } : {}) };
      quarantined.push(entry);
      if ('problem' in parsed) problems.push(`Quarantine of ${title}: ${parsed.problem}.`);
      else if (entry.daysLeft < 0)
        problems.push(`Quarantine of ${title} expired on ${parsed.expires} (owner ${parsed.owner}, ${parsed.reason}): fix the test or renew the quarantine.`);
      continue;
    }
    if (test.status === 'skipped') counts.skipped += 1;
    else if (test.status === 'expected') counts.passed += 1;
    else {
      counts.failed += 1;
      if (test.status === 'flaky') flaky.push(title);
      else failedTitles.push(title);
    }
  }
  return { counts, flaky, failedTitles, quarantined, problems };
}
