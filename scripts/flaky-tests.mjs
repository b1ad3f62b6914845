/**
 * Titles of the tests in a Playwright JSON report whose final result came only after a retry
 * (Playwright's "flaky"), as `[project] file › describe › test`.
 */
export function flakyTests(report) {
  const titles = [];
  const visit = (suite, path) => {
    for (const spec of suite.specs ?? []) for (const test of spec.tests ?? []) if (test.status === 'flaky') titles.push(`[${test.projectName}] ${[...path, spec.title].join(' › ')}`);
    for (const child of suite.suites ?? []) visit(child, [...path, child.title].filter(Boolean));
  };
  for (const suite of report?.suites ?? []) visit(suite, [suite.title]);
  return titles;
}
