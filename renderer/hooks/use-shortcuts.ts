// Global keyboard shortcuts. Typing in a form field never triggers them, except Escape.
import { useEffect, useRef } from 'react';

export type ShortcutMap = Record<string, () => void>;

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return !['radio', 'checkbox', 'button', 'submit'].includes(target.type);
  return false;
}

/** Keys are `KeyboardEvent.key` values, lower-cased for letters. */
export function useShortcuts(map: ShortcutMap): void {
  const ref = useRef(map);
  ref.current = map;

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
      const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
      if (key !== 'Escape' && isTyping(event.target)) return;
      const action = ref.current[key];
      if (!action) return;
      event.preventDefault();
      action();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
