import type { ReactNode } from 'react';

/**
 * A table wider than its card scrolls sideways inside it instead of widening the page (a phone's
 * 390 px holds no six-column table). The scroll area is focusable and named, so a keyboard can
 * scroll it and a screen reader says what it holds.
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
