// The MRZ as read: lines in monospace with bad and corrected characters marked, each field with its
// value and validity (dates as dates, the printed characters beside), and every correction with its
// reason (ICAO 9303 Part 3 §4: check digits).
import type { CSSProperties } from 'react';
import type { MrzReading } from '../../electron/contract/mrz.contract';
import { formatDate, t } from '../i18n/t';
import { uncertainMarks } from './mrz-uncertain-marks';
import { MrzUncertainReview, type MrzReviewProps } from './mrz-uncertain-review';

export interface MrzSpan {
  line: number;
  start: number;
  end: number;
}

const within = (spans: MrzSpan[], line: number, column: number) =>
  spans.some((s) => s.line === line && column >= s.start && column < s.end);

export function MrzPanel({ mrz, highlight, review }: { mrz: MrzReading | null; highlight: MrzSpan[]; review?: MrzReviewProps }) {
  if (!mrz) {
    return (
      <section className="panel" data-testid="mrz-panel">
        <h2 className="panel__title">{t('mrz.title')}</h2>
        <p className="muted">{t('mrz.none')}</p>
      </section>
    );
  }
  const bad: MrzSpan[] = mrz.details.filter((d) => !d.valid);
  const corrected = mrz.corrections.map((c) => ({ line: c.line, start: c.column, end: c.column + 1 }));
  const marks = uncertainMarks(mrz, review?.reviews);

  return (
    <section className="panel" data-testid="mrz-panel">
      <header className="panel__header">
        <h2 className="panel__title">{t('mrz.title')}</h2>
        <span className={`pill ${mrz.valid ? 'pill--pass' : 'pill--fail'}`} data-testid="mrz-validity">
          {mrz.valid ? t('mrz.valid') : t('mrz.invalid')}
        </span>
      </header>
      <p className="panel__meta">
        {mrz.format ? t('mrz.format', { format: mrz.format }) : t('mrz.unknownFormat')} · {t('mrz.confidence', { percent: Math.round(mrz.confidence * 100) })}
      </p>
      {/* The font follows the panel's width (container query units) so a whole line always shows. */}
      <div className="mrz-lines" tabIndex={0} role="group" aria-label={t('mrz.lines')} data-testid="mrz-lines" style={{ '--mrz-chars': Math.max(30, ...mrz.lines.map((l) => l.length)) } as CSSProperties}>
        {mrz.lines.map((line, li) => (
          <div className="mrz-line" key={li} data-testid={`mrz-line-${li}`}>
            {[...line].map((ch, ci) => {
              const cls = [
                'mrz-char',
                within(bad, li, ci) ? 'mrz-char--bad' : '',
                within(corrected, li, ci) ? 'mrz-char--corrected' : '',
                within(highlight, li, ci) ? 'mrz-char--focus' : '',
                marks.get(`${li}:${ci}`)?.className ?? '',
              ].filter(Boolean).join(' ');
              return <span key={ci} className={cls} title={marks.get(`${li}:${ci}`)?.title}>{ch}</span>;
            })}
          </div>
        ))}
      </div>
      {review && <MrzUncertainReview mrz={mrz} review={review} />}

      <table className="mrz-fields" data-testid="mrz-fields">
        <thead>
          <tr>
            <th scope="col">{t('mrz.field')}</th>
            <th scope="col">{t('mrz.value')}</th>
            <th scope="col" className="mrz-fields__valid"><span className="visually-hidden">{t('mrz.fieldValid')}</span></th>
          </tr>
        </thead>
        <tbody>
          {mrz.details.map((d) => (
            <tr key={`${d.field}-${d.line}-${d.start}`} className={d.valid ? '' : 'mrz-fields__row--bad'} data-testid={`mrz-field-${d.field}`}>
              <th scope="row">{d.label}</th>
              <td className="mrz-fields__value">
                {d.date && d.value ? (
                  <>
                    <span className="mrz-fields__date" data-testid={`mrz-date-${d.field}`} data-date={d.date}>{formatDate(d.date)}</span>{' '}
                    <span className="mrz-fields__raw" title={t('mrz.rawDate', { raw: d.value })} data-testid={`mrz-raw-${d.field}`}>{d.value}</span>
                  </>
                ) : (
                  (d.value ?? <span className="muted">{t('mrz.empty')}</span>)
                )}
                {d.error && <div className="mrz-fields__error">{d.error}</div>}
              </td>
              <td className="mrz-fields__valid">
                <span className={d.valid ? 'tick tick--ok' : 'tick tick--bad'} title={d.valid ? t('mrz.fieldValid') : t('mrz.fieldInvalid')}>
                  {d.valid ? '✓' : '✗'}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <h3 className="panel__subtitle">{t('mrz.corrections')}</h3>
      {mrz.corrections.length === 0 ? (
        <p className="muted">{t('mrz.noCorrections')}</p>
      ) : (
        <ul className="plain-list" data-testid="mrz-corrections">
          {mrz.corrections.map((c, i) => (
            <li key={i}>{t('mrz.correction', { line: c.line + 1, column: c.column + 1, read: c.read, corrected: c.corrected, reason: c.reason })}</li>
          ))}
        </ul>
      )}
      {mrz.findings.length > 0 && (
        <>
          <h3 className="panel__subtitle">{t('mrz.findings')}</h3>
          <ul className="plain-list" data-testid="mrz-findings">
            {mrz.findings.map((f, i) => (
              <li key={i} className={`finding finding--${f.severity}`}>{f.message}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
