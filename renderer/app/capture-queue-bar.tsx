// Captures a device delivered while a case was on screen wait here, in arrival order, until the
// officer opens them: a new set in the hot folder never replaces the case being worked on.
import { t } from '../i18n/t';

export function CaptureQueueBar({ count, onOpen }: { count: number; onOpen: () => void }) {
  return (
    <div className="capture-queue" role="status" data-testid="capture-queue" data-count={count}>
      <span className="capture-queue__dot" aria-hidden="true" />
      <span className="capture-queue__text" data-testid="capture-queue-text">{count === 1 ? t('queue.waitingOne') : t('queue.waitingMany', { count })}</span>
      <button type="button" className="button button--small button--primary" onClick={onOpen} data-testid="capture-queue-open">
        {count === 1 ? t('queue.open') : t('queue.openOldest')}
      </button>
    </div>
  );
}
