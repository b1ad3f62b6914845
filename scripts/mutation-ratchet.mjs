// Reads Stryker's JSON report and holds the mutation score to the floor in mutation-floor.json:
// below it fails; above it by a point or more, `--raise` writes the new floor (the nightly run does,
// so the floor only ever moves up). Prints the score and every surviving mutant, for the job summary.
import { readFileSync, writeFileSync } from 'node:fs';

const REPORT = 'reports/mutation/mutation.json';
const FLOOR_FILE = 'mutation-floor.json';

export function scoreOf(report) {
  const counts = { killed: 0, timedOut: 0, survived: 0, noCoverage: 0, other: 0 };
  const survivors = [];
  for (const [file, { mutants }] of Object.entries(report.files)) {
    for (const mutant of mutants) {
      if (mutant.status === 'Killed') counts.killed += 1;
      else if (mutant.status === 'Timeout') counts.timedOut += 1;
      else if (mutant.status === 'Survived') counts.survived += 1;
      else if (mutant.status === 'NoCoverage') counts.noCoverage += 1;
      else counts.other += 1;
      if (mutant.status === 'Survived' || mutant.status === 'NoCoverage') {
        survivors.push({ file, line: mutant.location.start.line, mutator: mutant.mutatorName, replacement: mutant.replacement ?? '', status: mutant.status });
      }
    }
  }
  const detected = counts.killed + counts.timedOut;
  const valid = detected + counts.survived + counts.noCoverage;
  return { counts, score: valid === 0 ? 100 : Math.round((detected / valid) * 10_000) / 100, survivors };
}

export function judge(score, floor) {
  if (score < floor) return { ok: false, message: `Mutation score ${score}% is below the floor of ${floor}% (${FLOOR_FILE}).` };
  return { ok: true, message: `Mutation score ${score}% (floor ${floor}%).` };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { counts, score, survivors } = scoreOf(JSON.parse(readFileSync(REPORT, 'utf8')));
  const floor = JSON.parse(readFileSync(FLOOR_FILE, 'utf8')).floor;
  const verdict = judge(score, floor);
  console.log(
    `## Mutation testing\n\n${verdict.message} Killed ${counts.killed}, timed out ${counts.timedOut}, survived ${counts.survived}, not covered ${counts.noCoverage}.\n`,
  );
  if (survivors.length)
    console.log(
      `### Surviving mutants\n\n${survivors.map((s) => `- \`${s.file}:${s.line}\` ${s.mutator}${s.replacement ? ` → \`${s.replacement.replace(/\s+/g, ' ').slice(0, 80)}\`` : ''} (${s.status})`).join('\n')}\n`,
    );
  if (verdict.ok && process.argv.includes('--raise') && score >= floor + 1) {
    writeFileSync(FLOOR_FILE, `${JSON.stringify({ floor: Math.floor(score) }, null, 2)}\n`);
    console.log(`Floor raised to ${Math.floor(score)}%.`);
  }
  process.exit(verdict.ok ? 0 : 1);
}
