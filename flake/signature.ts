/**
 * An error message reduced to its cause: the numbers, ids, ports, paths and timings that differ
 * from one failure to the next are replaced, so one root cause groups as one signature.
 */
export function errorSignature(message: string | undefined): string {
  if (!message) return '';
  return (
    message
      // Terminal colour codes (ESC [ … m) from Playwright's messages.
      .replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g'), '')
      .split('\n')
      .find((line) => line.trim())
      ?.trim()
      .replace(/https?:\/\/[^\s'"]+/g, '<url>')
      // Longest extension first: `.tsx:12` is one path, not `.ts` followed by "x:12".
      .replace(/(?:\/[\w.@-]+)+\.(?:tsx|ts|mjs|json|js|png)\b(?::\d+)*/g, '<path>')
      .replace(/\b[0-9a-f]{8,}\b/gi, '<id>')
      .replace(/\b\d+(?:\.\d+)?\s?(?:ms|s)\b/g, '<time>')
      .replace(/:\d{2,5}\b/g, ':<port>')
      .replace(/\d+/g, '<n>')
      .slice(0, 300) ?? ''
  );
}
