/** How much agent text shows before "Show more": long enough to read, short enough to lay out at once. */
export const TEXT_PREVIEW_CHARS = 600;
/** Names inside labels and buttons ("Start …", "… progress") never need more than this. */
export const NAME_CHARS = 200;

/** `text` cut to `limit` characters (never inside a surrogate pair), with an ellipsis when cut. */
export function clip(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const end = /[\uD800-\uDBFF]/.test(text.charAt(limit - 1)) ? limit - 1 : limit;
  return `${text.slice(0, end)}…`;
}
