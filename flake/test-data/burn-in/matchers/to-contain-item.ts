export function toContainItem(items: string[], item: string) {
  const pass = items.includes(item);
  return { pass, message: () => `expected ${JSON.stringify(items)} ${pass ? 'not ' : ''}to contain ${item}` };
}
