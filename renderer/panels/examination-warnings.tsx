// Warnings about how the examination was made (not findings about the document): today, a reference
// class the document may belong to that could not be loaded, so its checks were not performed.
import type { ExaminationWarning } from '../../electron/contract/examination.contract';
import { t } from '../i18n/t';
import { assertNever } from '../util/assert-never';

function WarningText({ warning }: { warning: ExaminationWarning }) {
  switch (warning.kind) {
    case 'reference-class-unavailable':
      return (
        <>
          <strong>{t('warnings.referenceUnavailable', { classId: warning.classId })}</strong>
          <p className="examination-warnings__text">{t('warnings.referenceUnavailableReason', { reason: warning.reason })}</p>
          <p className="examination-warnings__text">{t('warnings.referenceUnavailableNext')}</p>
        </>
      );
    default:
      return assertNever(warning.kind);
  }
}

export function ExaminationWarnings({ warnings }: { warnings: readonly ExaminationWarning[] }) {
  if (warnings.length === 0) return null;
  return (
    <section className="examination-warnings" role="region" aria-label={t('warnings.region')} data-testid="examination-warnings">
      {warnings.map((w) => (
        <div key={`${w.kind}-${w.classId}`} className="examination-warnings__item" role="alert" data-testid="examination-warning" data-kind={w.kind} data-class-id={w.classId}>
          <WarningText warning={w} />
        </div>
      ))}
    </section>
  );
}
