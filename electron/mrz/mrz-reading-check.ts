// Every MRZ reading leaves the engine valid against its contract (MrzReadingSchema): a NaN or an
// out-of-range confidence is a bug here, and is caught here — not when an examination holding it is
// saved, or when a screen or a report shows it.
import { LoupeError } from '../common/loupe-error';
import { MrzReadingSchema, type MrzReading } from '../contract/mrz.contract';

export function checkedReading(reading: MrzReading): MrzReading {
  const parsed = MrzReadingSchema.safeParse(reading);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new LoupeError('mrz', 'Internal', `MRZ reading breaks its schema at ${issue?.path.join('.') ?? '?'}: ${issue?.message ?? 'invalid'}`);
  }
  return reading;
}
