// Status icons: shape and colour both differ, so the status reads without colour vision too.
// "Not performed" is neutral: never drawn like a pass or a fail.
import type { CheckStatus } from '../../electron/contract/examination.contract';
import { assertNever } from '../util/assert-never';
import { t } from '../i18n/t';

function glyph(status: CheckStatus): string {
  switch (status) {
    case 'pass':
      return '✓';
    case 'fail':
      return '✕';
    case 'warn':
      return '!';
    case 'not-performed':
      return '–';
    default:
      return assertNever(status);
  }
}

export function StatusIcon({ status, withLabel = false }: { status: CheckStatus; withLabel?: boolean }) {
  return (
    <span className={`status status--${status}`} data-status={status}>
      <span className="status__icon" aria-hidden="true">{glyph(status)}</span>
      <span className={withLabel ? 'status__label' : 'visually-hidden'}>{t(`status.${status}`)}</span>
    </span>
  );
}
