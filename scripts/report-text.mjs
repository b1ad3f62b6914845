// Text made safe for the reports every part of the harness writes: the visual report and its PR
// comment, the flake report, the gate's job summary. One escaping for each target, used by all.

/**
 * `text` safe inside HTML, as element content or an attribute value.
 * @param {string} text
 * @returns {string}
 */
export function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/**
 * `text` (story titles, test names, errors, notes) safe for one cell of a GitHub markdown table or a
 * one-line list item: no column break, no new line, no markup, no code span, and no @mention that
 * would notify someone.
 * @param {string} text
 * @returns {string}
 */
export function markdownCell(text) {
  return String(text)
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/\r?\n|\r/g, ' ')
    .replace(/[<>]/g, (char) => (char === '<' ? '&lt;' : '&gt;'))
    .replace(/`/g, "'")
    .replace(/@(?=[\w-])/g, '@\u200b');
}

/**
 * A whole report page: its title as the document's and the first heading, its styles, its body (HTML).
 * @param {string} title
 * @param {string} style
 * @param {string} body
 * @returns {string}
 */
export function reportPage(title, style, body) {
  return `<!doctype html>
<html lang="en">
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<style>${style}</style>
<h1>${escapeHtml(title)}</h1>
${body}
</html>
`;
}
