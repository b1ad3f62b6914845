/**
 * Baseline files are `<capture id>@<mode>.<ext>`. A capture id is a story id (Storybook sanitises
 * them to `[a-z0-9-]`: `--` but never `@` or `/`) or a page snapshot's `pages/<name>`, whose
 * baselines live in the `pages/` folder; no story id can take that form. The last `@` splits a
 * name unambiguously. Mode names go into file paths, so only safe ones are accepted.
 */
const MODE_NAME = /^[a-z0-9][a-z0-9-]{0,47}$/;
const STORY_ID = /^(pages\/)?[a-z0-9][a-z0-9-]*$/;
/** The folder (under the baselines and the report's image folders) page snapshots live in. */
export const PAGES_FOLDER = 'pages';
/** A page snapshot's capture id: `pages/<name>`. */
export const pageCaptureId = (name: string) => `${PAGES_FOLDER}/${name}`;
export const isPageCapture = (id: string) => id.startsWith(`${PAGES_FOLDER}/`);

/** Why `mode` cannot name a baseline file, or undefined when it can. */
export function invalidModeName(mode: string): string | undefined {
  return MODE_NAME.test(mode) ? undefined : `mode name ${JSON.stringify(mode)} is not usable in a file name (lowercase letters, digits and "-", up to 48)`;
}

/** `a11y.json`: the capture's accessibility baseline (visual/a11y.ts). */
export function baselineFile(storyId: string, mode: string, ext: 'png' | 'json' | 'a11y.json' = 'png'): string {
  if (!STORY_ID.test(storyId)) throw new Error(`story id ${JSON.stringify(storyId)} is not a Storybook id or pages/<name>`);
  const problem = invalidModeName(mode);
  if (problem) throw new Error(problem);
  return `${storyId}@${mode}.${ext}`;
}

export function parseBaselineFile(file: string): { storyId: string; mode: string; ext: string } | undefined {
  const match = /^(.+)@([^@]+)\.(png|json)$/.exec(file);
  if (!match?.[1] || !match[2] || !match[3]) return undefined;
  if (!STORY_ID.test(match[1]) || invalidModeName(match[2])) return undefined;
  return { storyId: match[1], mode: match[2], ext: match[3] };
}
