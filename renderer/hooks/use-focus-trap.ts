// Keeps keyboard focus inside a modal dialog while it is open (Tab and Shift+Tab wrap around) and
// gives focus back to whatever had it before, so a keyboard-only officer never gets lost.
import { useEffect, type RefObject } from 'react';

const FOCUSABLE = 'a[href], button:not(:disabled), input:not(:disabled), select:not(:disabled), textarea:not(:disabled), [tabindex]:not([tabindex="-1"])';

function focusables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.offsetParent !== null || el === document.activeElement);
}

/** The first element matching `initial` is focused on open; else the first focusable one. */
export function useFocusTrap(root: RefObject<HTMLElement | null>, initial?: string): void {
  useEffect(() => {
    const dialog = root.current;
    if (!dialog) return;
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const preferred = initial ? dialog.querySelector<HTMLElement>(initial) : null;
    (preferred ?? focusables(dialog)[0] ?? dialog).focus();

    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Tab') return;
      const list = focusables(dialog);
      if (list.length === 0) {
        event.preventDefault();
        return;
      }
      const first = list[0]!;
      const last = list[list.length - 1]!;
      const active = document.activeElement;
      if (event.shiftKey && (active === first || !dialog.contains(active))) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && (active === last || !dialog.contains(active))) {
        event.preventDefault();
        first.focus();
      }
    };
    // Capture phase on the document: focus that escaped (a click on the backdrop) is pulled back too.
    document.addEventListener('keydown', onKey, true);
    return () => {
      document.removeEventListener('keydown', onKey, true);
      if (before?.isConnected) before.focus();
    };
  }, [root, initial]);
}
