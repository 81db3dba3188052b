// The latest progress event, shown only for work that lasts longer than a moment.
import { useEffect, useState } from 'react';
import type { ProgressEvent } from '../../electron/contract/api.contract';
import { loupe } from '../api/loupe';

const SHOW_AFTER_MS = 250;

export function useProgress(busy: boolean): ProgressEvent | null {
  const [event, setEvent] = useState<ProgressEvent | null>(null);
  const [visible, setVisible] = useState(false);

  useEffect(() => loupe.on('examination:onProgress', (e) => setEvent(e.done ? null : e)), []);

  useEffect(() => {
    if (!busy && !event) {
      setVisible(false);
      return;
    }
    const timer = window.setTimeout(() => setVisible(true), SHOW_AFTER_MS);
    return () => window.clearTimeout(timer);
  }, [busy, event]);

  useEffect(() => {
    if (!busy) setEvent(null);
  }, [busy]);

  if (!visible || (!busy && !event)) return null;
  return event ?? { operation: 'scan', stage: 'start', message: '' };
}
