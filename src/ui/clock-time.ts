const formatter = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false, timeZone: 'UTC' });

/** "09:00:30 UTC": one time zone for every reader of a shared screen or screenshot. */
export function clockTime(ms: number): string {
  return `${formatter.format(ms)} UTC`;
}
