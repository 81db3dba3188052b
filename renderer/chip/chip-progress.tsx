// A reading under way: the phase, the file and its bytes, and — when the document was lifted or the
// chip fell silent — what to do, in the officer's words.
import type { ChipProgress } from '../../electron/contract/chip-examination.contract';
import { t } from '../i18n/t';
import { HINT, PHASE } from './chip-labels';

export function ChipProgressLine({ progress }: { progress: ChipProgress }) {
  const reading = progress.phase === 'reading' && progress.file;
  const total = progress.totalBytes ?? null;
  const text = reading
    ? total
      ? t('chip.phase.readingBytes', { file: progress.file!, read: progress.bytesRead ?? 0, total })
      : t('chip.phase.reading', { file: progress.file! })
    : progress.phase === 'reading'
      ? t('chip.phase.waiting')
      : t(PHASE[progress.phase]);
  const fraction = reading && total ? Math.min(1, (progress.bytesRead ?? 0) / total) : null;
  return (
    <div className="chip-progress" data-testid="chip-progress" data-phase={progress.phase} data-file={progress.file ?? ''}>
      <p role="status" aria-live="polite">{text}</p>
      {fraction !== null && (
        <div className="chip-progress__bar" role="progressbar" aria-label={t('chip.progressLabel')} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(fraction * 100)}>
          <span style={{ width: `${Math.round(fraction * 100)}%` }} />
        </div>
      )}
      {progress.phase === 'interrupted' && progress.error && (
        <p className="chip-hint" role="alert" data-testid="chip-interrupted">{t(HINT[progress.error.kind])}</p>
      )}
    </div>
  );
}
