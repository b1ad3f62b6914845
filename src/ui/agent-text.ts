/** How much agent text shows before "Show more": long enough to read, short enough to lay out at once. */
export const TEXT_PREVIEW_CHARS = 600;
/** Names inside labels and buttons ("Start …", "… progress") never need more than this. */
export const NAME_CHARS = 200;
/** An option in a select sizes the whole select: server text in one stays this short. */
export const OPTION_CHARS = 60;

/**
 * Characters that change how text reads without being seen: bidirectional embeddings, overrides
 * and isolates (U+202A–202E, U+2066–2069), zero-width and direction marks (U+200B–200F), word
 * joiner and invisible operators (U+2060–2064), and the byte-order mark (U+FEFF).
 */
const HIDDEN = /[\u202A-\u202E\u2066-\u2069\u200B-\u200F\u2060-\u2064\uFEFF]/g;
/** How a hidden character is shown: its code point between single guillemets, ‹U+202E›. */
export const HIDDEN_MARK = /‹U\+[0-9A-F]{4}›/;

export function hasHiddenCharacters(text: string): boolean {
  return text.search(HIDDEN) >= 0;
}

/** `text` with every hidden character written out as its code point, so what is read is what was sent. */
export function revealHidden(text: string): string {
  return text.replace(HIDDEN, (character) => `‹U+${character.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}›`);
}

/**
 * Server or agent text as it may be shown: hidden characters revealed, then cut to `limit`
 * characters (never inside a surrogate pair or a revealed mark), with an ellipsis when cut. Text
 * is always cut before layout: a 10,000-character word costs the browser seconds to lay out.
 */
export function shownText(text: string, limit: number): string {
  const revealed = revealHidden(text);
  if (revealed.length <= limit) return revealed;
  let end = /[\uD800-\uDBFF]/.test(revealed.charAt(limit - 1)) ? limit - 1 : limit;
  const open = revealed.lastIndexOf('‹U+', end);
  if (open >= 0 && open + 8 > end && HIDDEN_MARK.test(revealed.slice(open, open + 8))) end = open;
  return `${revealed.slice(0, end)}…`;
}
