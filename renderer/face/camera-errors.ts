// getUserMedia failures → a plain-words message (no camera, permission denied, anything else).
import { t } from '../i18n/t';

export function cameraErrorMessage(error: unknown): string {
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError' || name === 'PermissionDeniedError') return t('camera.denied');
  if (name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'DevicesNotFoundError' || name === 'NoCamera') return t('camera.noCamera');
  return t('camera.failed', { message: error instanceof Error ? error.message : String(error) });
}
