import type { ReactNode } from 'react';

/**
 * A table wider than its card scrolls sideways inside it instead of widening the page (a phone's
 * 390 px holds no six-column table); a `bounded` one (a log that grows with "Load more") also
 * scrolls down within a fixed height, its header row staying in view. The scroll area is focusable
 * and named, so a keyboard can scroll it and a screen reader says what it holds.
 */
export function TableScroll({ label, bounded = false, children }: { label: string; bounded?: boolean; children: ReactNode }) {
  return (
    <div className={bounded ? 'table-scroll table-scroll--bounded' : 'table-scroll'} role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
