// Nothing the officer types is lost without a confirmation. Forms with typed, unrecorded work (the
// decision, a review of a finding, the feature comparison) mark it here; whatever would replace the
// case on screen — a waiting capture opened, a scan, an examination from the history, signing out,
// closing the page — asks first, naming what would be lost.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useFocusTrap } from '../hooks/use-focus-trap';
import { t } from '../i18n/t';

export type UnsavedKind = 'decision' | 'review' | 'face';

export interface UnsavedRegistry {
  mark(key: string, kind: UnsavedKind | null): void;
}

export const UnsavedContext = createContext<UnsavedRegistry>({ mark: () => undefined });

/** A form reports whether it holds unrecorded work (`key`: one per form on screen). */
export function useUnsavedMark(key: string, kind: UnsavedKind, dirty: boolean): void {
  const { mark } = useContext(UnsavedContext);
  useEffect(() => {
    mark(key, dirty ? kind : null);
    return () => mark(key, null);
  }, [mark, key, kind, dirty]);
}

export interface UnsavedWork {
  /** For UnsavedContext.Provider around the forms. */
  registry: UnsavedRegistry;
  /** Runs `action` at once when nothing unrecorded would be lost (within `scope`), else after the officer confirms. */
  guard(action: () => void, scope?: (kind: UnsavedKind) => boolean): void;
  /** The confirmation dialog, when one is asked. */
  dialog: ReactNode;
  /** The confirmation is on screen (the screen's own shortcuts wait). */
  asking: boolean;
  dirty: boolean;
}

export function useUnsavedWork(): UnsavedWork {
  const [marks, setMarks] = useState<ReadonlyMap<string, UnsavedKind>>(new Map());
  const [pending, setPending] = useState<{ action: () => void; kinds: UnsavedKind[] } | null>(null);
  const marksRef = useRef(marks);
  marksRef.current = marks;

  const mark = useCallback((key: string, kind: UnsavedKind | null) => {
    setMarks((current) => {
      if ((current.get(key) ?? null) === kind) return current;
      const next = new Map(current);
      if (kind) next.set(key, kind);
      else next.delete(key);
      return next;
    });
  }, []);
  const registry = useMemo(() => ({ mark }), [mark]);

  const guard = useCallback((action: () => void, scope: (kind: UnsavedKind) => boolean = () => true) => {
    const kinds = [...new Set([...marksRef.current.values()].filter(scope))];
    if (kinds.length === 0) action();
    else setPending({ action, kinds });
  }, []);

  // Closing or reloading the page would lose the work too: the browser asks.
  const dirty = marks.size > 0;
  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [dirty]);

  const dialog = pending ? (
    <DiscardDialog
      kinds={pending.kinds}
      onKeep={() => setPending(null)}
      onDiscard={() => {
        setPending(null);
        pending.action();
      }}
    />
  ) : null;
  return { registry, guard, dialog, asking: pending !== null, dirty };
}

function DiscardDialog({ kinds, onKeep, onDiscard }: { kinds: UnsavedKind[]; onKeep: () => void; onDiscard: () => void }) {
  const root = useRef<HTMLDivElement>(null);
  // Keeping the work is the safe answer: it has the focus, and Escape gives it.
  useFocusTrap(root, '[data-testid="unsaved-keep"]');
  return (
    <div className="dialog-backdrop" onClick={onKeep}>
      <div
        ref={root}
        className="dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="unsaved-title"
        aria-describedby="unsaved-lead"
        data-testid="unsaved-dialog"
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            onKeep();
          }
        }}
      >
        <h2 className="dialog__title" id="unsaved-title">{t('unsaved.title')}</h2>
        <p id="unsaved-lead">{t('unsaved.lead')}</p>
        <ul className="plain-list unsaved__list">
          {kinds.map((kind) => (
            <li key={kind} data-testid={`unsaved-${kind}`}>{t(`unsaved.item.${kind}`)}</li>
          ))}
        </ul>
        <div className="unsaved__actions">
          <button type="button" className="button button--primary" onClick={onKeep} data-testid="unsaved-keep">{t('unsaved.keep')}</button>
          <button type="button" className="button button--discard" onClick={onDiscard} data-testid="unsaved-discard">{t('unsaved.discard')}</button>
        </div>
      </div>
    </div>
  );
}
