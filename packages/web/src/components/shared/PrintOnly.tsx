import type { ReactNode } from 'react';
import { createPortal } from 'react-dom';

/**
 * What printing the page puts on paper, and nothing else: hidden on screen, and in print the only
 * child of the body shown (styles.css), so the menu, the header and any dialog stay off the paper.
 */
export function PrintOnly({ children }: { children: ReactNode }) {
  return createPortal(<div className="fk-print-only fk-print-sheet">{children}</div>, document.body);
}
