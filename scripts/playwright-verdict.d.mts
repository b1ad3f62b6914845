export interface QuarantinedTest { title: string; status: string; owner?: string; reason?: string; expires?: string; daysLeft?: number; problem?: string }
export interface PlaywrightVerdict {
  counts: { passed: number; failed: number; skipped: number };
  flaky: string[];
  failedTitles: string[];
  quarantined: QuarantinedTest[];
  problems: string[];
}
export function playwrightVerdict(report: unknown, now?: Date): PlaywrightVerdict;
