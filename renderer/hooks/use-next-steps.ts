// The station's next step per verdict level (examination:nextSteps), read once and again after a change.
import { useCallback, useEffect, useState } from 'react';
import type { NextSteps } from '../../electron/contract/examination.contract';
import { loupe } from '../api/loupe';

export interface StationNextSteps {
  nextSteps: NextSteps | null;
  defaults: NextSteps | null;
  save(next: NextSteps): Promise<void>;
}

export function useNextSteps(onError: (e: unknown) => void): StationNextSteps {
  const [state, setState] = useState<{ nextSteps: NextSteps; defaults: NextSteps } | null>(null);
  useEffect(() => {
    let live = true;
    loupe['examination:nextSteps']({}).then((s) => live && setState(s), onError);
    return () => {
      live = false;
    };
  }, [onError]);
  const save = useCallback(async (nextSteps: NextSteps) => setState(await loupe['examination:nextSteps']({ nextSteps })), []);
  return { nextSteps: state?.nextSteps ?? null, defaults: state?.defaults ?? null, save };
}
