export interface Quarantine { owner: string; reason: string; expires: string }
export function parseQuarantine(description: string | undefined): Quarantine | { problem: string };
export function daysLeft(expires: string, now?: Date): number;
