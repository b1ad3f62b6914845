// `/visual accept|reject <target …> [-- reason]` in a pull request comment: what it asks for, and
// whether it may run. visual-accept.yml imports this file from the default branch (never from the
// pull request), so the rules that guard our token are the reviewed ones.

/** A capture id (a story's, or a page snapshot's `pages/<name>@<mode>`), story id, group id or glob over them (what `--accept` takes), or `all`. */
const TARGET = /^[a-z0-9*?][a-z0-9@*?/-]{0,199}$/;
const MAX_TARGETS = 50;
/** Who may spend our token on a pull request: GitHub's permission levels with write access. */
const WRITERS = new Set(['admin', 'maintain', 'write']);

/**
 * @typedef {{ action: 'accept' | 'reject'; targets: string[]; reason?: string }} VisualCommand
 * @typedef {{ command: VisualCommand } | { error: string } | undefined} ParsedComment
 */

/**
 * The comment's command, an error to answer with, or undefined when the comment is not one (its
 * first line does not start with `/visual`).
 * @param {string} body
 * @returns {ParsedComment}
 */
export function parseVisualCommand(body) {
  const line = String(body).split(/\r?\n/, 1)[0]?.trim() ?? '';
  if (!/^\/visual(\s|$)/.test(line)) return undefined;
  const [command, reason] = splitReason(line.slice('/visual'.length).trim());
  const [action, ...targets] = command.split(/\s+/).filter(Boolean);
  if (action !== 'accept' && action !== 'reject')
    return { error: 'Usage: `/visual accept <group | capture | story | glob | all>` or `/visual reject <…> -- reason`.' };
  if (targets.length === 0) return { error: `\`/visual ${action}\` needs what to ${action}: a group id (c-…), a capture (story--id@mode), a glob or all.` };
  if (targets.length > MAX_TARGETS) return { error: `At most ${MAX_TARGETS} targets in one command.` };
  const bad = targets.filter((target) => !TARGET.test(target));
  if (bad.length > 0) return { error: `Not a capture, group or glob: ${bad.map((target) => JSON.stringify(target.slice(0, 60))).join(', ')}.` };
  return { command: { action, targets, ...(reason ? { reason } : {}) } };
}

/**
 * @param {string} text
 * @returns {[string, string]}
 */
function splitReason(text) {
  const at = text.indexOf(' -- ');
  if (at === -1) return [text, ''];
  return [
    text.slice(0, at),
    text
      .slice(at + 4)
      .trim()
      .slice(0, 500),
  ];
}

/**
 * Whether a command on this pull request may run with our token: only when the PR's branch lives
 * in this repository (a fork's code never runs here with write access) and the commenter can write
 * to it. `why` is the answer posted when it may not.
 * @param {{ permission: string; headRepo: string | null | undefined; baseRepo: string; state: string }} facts
 * @returns {{ allowed: true } | { allowed: false; why: string }}
 */
export function mayRunVisualCommand({ permission, headRepo, baseRepo, state }) {
  if (state !== 'open') return { allowed: false, why: 'This pull request is closed: nothing to accept on it.' };
  if (!headRepo || headRepo !== baseRepo)
    return {
      allowed: false,
      why: `This pull request comes from ${headRepo ?? 'a deleted fork'}: its code does not run with this repository's token. Run \`npm run test:visual -- --accept …\` on the branch and push the baselines.`,
    };
  if (!WRITERS.has(permission)) return { allowed: false, why: `Accepting baselines needs write access to this repository; you have ${permission || 'none'}.` };
  return { allowed: true };
}

/**
 * The arguments for the visual runner: `--accept a --accept b` (or `--reject`), and the reason.
 * @param {VisualCommand} command
 * @returns {string[]}
 */
export function runnerArguments(command) {
  return [...command.targets.flatMap((target) => [`--${command.action}`, target]), ...(command.reason ? ['--reason', command.reason] : [])];
}
