// The uncertain characters of the MRZ, for the officer to compare with the printed page: each one in
// amber with its alternatives, confirmed as read or corrected from the keyboard. Focus a character:
// Enter confirms it, typing a character (A–Z, 0–9, <) corrects it to that one, ←/→ (or Tab) move.
// Each word goes to the station (examination:reviewMrzCharacter), which verifies the check digits
// again; the examination that comes back replaces the one on screen.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { MrzCharacterReview, MrzCharacterReviewInput } from '../../electron/contract/examination.contract';
import type { MrzReading } from '../../electron/contract/mrz.contract';
import { t } from '../i18n/t';
import { alternativesText } from './mrz-uncertain-marks';

export interface MrzReviewProps {
  reviews: MrzCharacterReview[];
  /** Sends one review; resolves once the examination on screen has been replaced. */
  onReview: (input: MrzCharacterReviewInput) => Promise<void>;
}

interface Item {
  line: number;
  column: number;
  char: string;
  alternatives: string[];
  review: MrzCharacterReview | null;
}

const MRZ_CHAR = /^[A-Z0-9<]$/;
const key = (line: number, column: number): string => `${line}:${column}`;

function itemsOf(mrz: MrzReading, reviews: readonly MrzCharacterReview[]): Item[] {
  const open = mrz.uncertain.map((u) => ({ line: u.line, column: u.column, char: mrz.lines[u.line]?.[u.column] ?? '', alternatives: u.alternatives, review: null }));
  const done = reviews
    .filter((r) => !mrz.uncertain.some((u) => u.line === r.line && u.column === r.column))
    .map((r) => ({ line: r.line, column: r.column, char: mrz.lines[r.line]?.[r.column] ?? r.char, alternatives: r.alternatives, review: r }));
  return [...open, ...done].sort((a, b) => a.line - b.line || a.column - b.column);
}

export function MrzUncertainReview({ mrz, review }: { mrz: MrzReading; review: MrzReviewProps }) {
  const items = itemsOf(mrz, review.reviews);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const list = useRef<HTMLUListElement>(null);
  const focusNext = useRef<string | null>(null);

  // After a review the examination comes back: focus moves on to the next open character.
  useEffect(() => {
    const target = focusNext.current;
    if (!target) return;
    focusNext.current = null;
    list.current?.querySelector<HTMLElement>(`[data-uncertain-key="${target}"]`)?.focus();
  }, [mrz]);

  const settled = mrz.settled ?? [];
  if (items.length === 0 && settled.length === 0) return null;
  const remaining = items.filter((i) => !i.review).length;

  const send = async (item: Item, char: string) => {
    if (busy) return;
    setProblem(null);
    setBusy(true);
    const after = items.filter((i) => !i.review && (i.line > item.line || (i.line === item.line && i.column > item.column)))[0] ?? items.find((i) => !i.review && i !== item);
    focusNext.current = after ? key(after.line, after.column) : key(item.line, item.column);
    try {
      await review.onReview({ line: item.line, column: item.column, action: char === item.char ? 'confirmed' : 'corrected', char });
    } finally {
      setBusy(false);
    }
  };

  const onKey = (event: KeyboardEvent<HTMLButtonElement>, item: Item) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const buttons = Array.from(list.current?.querySelectorAll<HTMLButtonElement>('[data-uncertain-key]') ?? []);
    const here = buttons.indexOf(event.currentTarget);
    if (['ArrowRight', 'ArrowDown', 'ArrowLeft', 'ArrowUp'].includes(event.key)) {
      // Handled here: the screen's arrow keys pan the document.
      event.preventDefault();
      buttons[here + (event.key === 'ArrowRight' || event.key === 'ArrowDown' ? 1 : -1)]?.focus();
      return;
    }
    if (event.key === 'Enter') {
      event.preventDefault();
      void send(item, item.char);
      return;
    }
    if (event.key.length !== 1 || event.key === ' ') return;
    // Any other character typed here is meant for this cell, never a screen shortcut.
    event.preventDefault();
    const char = event.key.toUpperCase();
    if (!MRZ_CHAR.test(char)) {
      setProblem(t('mrzReview.notAllowed'));
      return;
    }
    void send(item, char);
  };

  return (
    <div className={`mrz-uncertain ${remaining ? '' : 'mrz-uncertain--done'}`} data-testid="mrz-uncertain">
      <div className="mrz-uncertain__header">
        <h3 className="panel__subtitle">{t('mrzReview.title')}</h3>
        {items.length > 0 && (
          <span className={`pill ${remaining ? 'pill--warn' : 'pill--pass'}`} data-testid="mrz-uncertain-remaining">
            {remaining ? t('mrzReview.remaining', { count: remaining }) : t('mrzReview.done')}
          </span>
        )}
      </div>
      {items.length > 0 && (
        <>
          <p className="mrz-uncertain__lead">{t('mrzReview.lead')} <span className="muted">{t('mrzReview.keys')}</span></p>
          <ul className="mrz-uncertain__list" ref={list} aria-busy={busy}>
            {items.map((item) => {
              const id = key(item.line, item.column);
              const alternatives = item.alternatives.filter((a) => a !== item.char);
              const r = item.review;
              return (
                <li key={id} className={`mrz-uncertain__item ${r ? 'mrz-uncertain__item--done' : ''}`} data-testid={`mrz-uncertain-item-${item.line}-${item.column}`} data-state={r ? r.action : 'open'}>
                  <button
                    type="button"
                    className="mrz-uncertain__char"
                    data-uncertain-key={id}
                    data-testid={`mrz-uncertain-${item.line}-${item.column}`}
                    aria-label={t('mrzReview.charLabel', { line: item.line + 1, column: item.column + 1, char: item.char, alternatives: alternativesText(alternatives) || '—' })}
                    onKeyDown={(e) => onKey(e, item)}
                  >
                    {item.char}
                  </button>
                  <span className="mrz-uncertain__text">
                    <span className="mrz-uncertain__where">{t('mrzReview.position', { line: item.line + 1, column: item.column + 1 })}</span>
                    {r ? (
                      <span className="mrz-uncertain__outcome">
                        {r.action === 'confirmed' ? t('mrzReview.confirmed', { name: r.officer.name, badge: r.officer.badge }) : t('mrzReview.corrected', { read: r.read, char: r.char, name: r.officer.name, badge: r.officer.badge })}
                        {' · '}
                        <span className={r.checkDigitsHold ? 'mrz-uncertain__ok' : 'mrz-uncertain__bad'}>{r.checkDigitsHold ? t('mrzReview.checkDigitsHold') : t('mrzReview.checkDigitsFail')}</span>
                      </span>
                    ) : (
                      <span>
                        {item.char ? t('mrzReview.read', { char: item.char }) : t('mrzReview.noReading')}
                        {alternatives.length > 0 && <>, {t('mrzReview.mightBe', { alternatives: alternativesText(alternatives) })}</>}
                      </span>
                    )}
                  </span>
                  {!r && (
                    <span className="mrz-uncertain__actions">
                      <button type="button" className="button button--small" tabIndex={-1} disabled={busy} onClick={() => void send(item, item.char)} data-testid={`mrz-uncertain-confirm-${item.line}-${item.column}`}>
                        <kbd className="kbd">↵</kbd> {t('mrzReview.confirm')}
                      </button>
                      {alternatives.map((a) => (
                        <button key={a} type="button" className="button button--small" tabIndex={-1} disabled={busy} onClick={() => void send(item, a)} data-testid={`mrz-uncertain-pick-${item.line}-${item.column}-${a}`}>
                          <kbd className="kbd">{a}</kbd> {t('mrzReview.pick', { char: a })}
                        </button>
                      ))}
                    </span>
                  )}
                </li>
              );
            })}
          </ul>
          {problem && <p className="mrz-uncertain__problem" role="alert">{problem}</p>}
        </>
      )}
      {settled.length > 0 && (
        <>
          <h4 className="mrz-uncertain__settled-title">{t('mrzReview.settled')}</h4>
          <ul className="plain-list" data-testid="mrz-settled">
            {settled.map((s) => (
              <li key={key(s.line, s.column)}>{t('mrzReview.settledBy', { line: s.line + 1, column: s.column + 1, char: s.char, field: s.field, viz: s.viz })}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
