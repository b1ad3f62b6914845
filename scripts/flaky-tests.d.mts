export function flakyTests(report: unknown): string[];
