// The chip's evidence for the check registry (electron/checks/check-registry.ts): the chip section
// of the examination once a reading ended, or what the station knew when the examination was made
// (no reader, or a reading starting), and the printed MRZ the chip's DG1 is compared with.
import type { ChipNotReadReason, ChipSection } from '../contract/chip-examination.contract';
import type { MrzReading } from '../contract/mrz.contract';

/** Before a reading ended: no chip reader on the station, a reading starting, or nothing known. */
export type ChipPending = 'no-reader' | 'reading' | 'not-read';

export interface ChipCheckEvidence {
  readonly section: ChipSection | null;
  readonly pending: ChipPending;
  /** The examination's MRZ reading (the printed MRZ), null when none was read. */
  readonly printed: MrzReading | null;
}

declare module '../checks/check-model' {
  interface CheckEvidence {
    /** The document's chip as read at this station (registered by the composition root). */
    chip: ChipCheckEvidence;
  }
}

/** Why the chip layers were not performed, in plain words (a sentence: the result's explanation). */
export function chipNotReadText(evidence: ChipCheckEvidence): string | null {
  const section = evidence.section;
  if (section?.state === 'read') return null;
  if (!section) {
    switch (evidence.pending) {
      case 'no-reader':
        return 'No chip reader is connected to this station.';
      case 'reading':
        return 'The chip is being read.';
      case 'not-read':
        return 'The chip was not read at this station.';
      default: {
        const never: never = evidence.pending;
        throw new Error(`unknown pending state ${String(never)}`);
      }
    }
  }
  return notReadReasonText(section.reason ?? 'failed', section.error?.message ?? null);
}

export function notReadReasonText(reason: ChipNotReadReason, error: string | null): string {
  switch (reason) {
    case 'no-reader':
      return 'No chip reader is connected to this station.';
    case 'no-document':
      return 'No document was on the chip reader: put the document on the reader and read the chip from the chip panel.';
    case 'no-access-data':
      return 'No MRZ was read to open the chip: type the MRZ data or the card access number (CAN) in the chip panel.';
    case 'failed':
      return `The chip could not be read: ${error ?? 'the reading failed'}`;
    case 'cancelled':
      return 'The chip reading was cancelled.';
    default: {
      const never: never = reason;
      throw new Error(`unknown reason ${String(never)}`);
    }
  }
}
