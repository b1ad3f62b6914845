// Reads Stryker's JSON report and holds the mutation score to the floor in mutation-floor.json:
// below it fails; above it by a point or more, `--raise` writes the new floor (the nightly run does,
// so the floor only ever moves up). Prints the score and every surviving mutant, for the job summary.
import { readFileSync, writeFileSync } from 'node:fs';
import { matchesGlob } from 'node:path';
import { AREAS } from './mutation-areas.mjs';

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

/** The goal each area is held to in the table (the floor judges the whole score). */
export const AREA_GOAL = 85;

/**
 * The score of each area of scripts/mutation-areas.mjs, from the files of the report that are in it.
 * @param {{ files: Record<string, { mutants: unknown[] }> }} report
 * @param {Record<string, string[]>} [areas]
 */
export function scoresByArea(report, areas = AREAS) {
  return Object.entries(areas).map(([area, globs]) => {
    const files = Object.fromEntries(Object.entries(report.files).filter(([file]) => globs.some((glob) => matchesGlob(file, glob))));
    const { counts, score } = scoreOf({ files });
    const mutants = Object.values(counts).reduce((sum, count) => sum + count, 0);
    return { area, files: Object.keys(files).length, mutants, counts, score: mutants === 0 ? undefined : score };
  });
}

/** The areas as a Markdown table; an area with no mutants in the report says so rather than scoring 100%. */
export function areaTable(rows) {
  return [
    `| area | mutants | killed | timed out | survived | not covered | score (goal ${AREA_GOAL}%) |`,
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map(({ area, mutants, counts, score }) =>
      score === undefined
        ? `| ${area} | 0 | | | | | not in this report |`
        : `| ${area} | ${mutants} | ${counts.killed} | ${counts.timedOut} | ${counts.survived} | ${counts.noCoverage} | ${score}%${score < AREA_GOAL ? ' ✗' : ''} |`,
    ),
  ].join('\n');
}

export function judge(score, floor) {
  if (score < floor) return { ok: false, message: `Mutation score ${score}% is below the floor of ${floor}% (${FLOOR_FILE}).` };
  return { ok: true, message: `Mutation score ${score}% (floor ${floor}%).` };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const report = JSON.parse(readFileSync(REPORT, 'utf8'));
  const { counts, score, survivors } = scoreOf(report);
  const floor = JSON.parse(readFileSync(FLOOR_FILE, 'utf8')).floor;
  const verdict = judge(score, floor);
  console.log(
    `## Mutation testing\n\n${verdict.message} Killed ${counts.killed}, timed out ${counts.timedOut}, survived ${counts.survived}, not covered ${counts.noCoverage}.\n\n${areaTable(scoresByArea(report))}\n`,
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
