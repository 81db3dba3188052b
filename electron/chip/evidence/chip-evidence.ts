// A raw chip reading kept as evidence (docs/chip-domain.md, "Evidence packages"): every file read,
// byte for byte, each file's fate, how access was gained and why (BAC or PACE, with the access
// plan's reason), and what the clone checks sent and received — active authentication's challenge
// and the chip's signature, chip authentication's transcript, PACE-CAM's chip data. From this alone
// an expert repeats passive authentication and every clone check at their own desk
// (evidence-verification.ts), against their own trust store.
import type { AccessChoice, ChipAuthStatusSchema, ChipFile, FileReadStatus } from '../../contract/chip.contract';
import type { z } from 'zod';
import type { PaceCamData } from '../access/pace-protocol';
import type { ActiveAuthenticationResult } from '../auth/active-authentication';
import type { ChipAuthenticationResult, ChipAuthenticationTranscript } from '../auth/chip-authentication';
import type { ChipReading } from '../reader/chip-reader';

type ChipAuthStatus = z.infer<typeof ChipAuthStatusSchema>;

export interface RecordedActiveAuthentication {
  /** What the station concluded when it ran the protocol. */
  readonly status: ChipAuthStatus;
  readonly detail: string;
  readonly challenge: Uint8Array;
  /** The chip's signature, or null when it gave none. */
  readonly answer: Uint8Array | null;
}

export interface RecordedChipAuthentication {
  readonly status: ChipAuthStatus;
  readonly detail: string;
  /** Null when the chip was never asked to answer under the new keys. */
  readonly transcript: ChipAuthenticationTranscript | null;
}

export interface ChipEvidence {
  /** When the chip was read. */
  readonly readAt: Date;
  readonly access: AccessChoice;
  readonly extendedLength: boolean;
  readonly statuses: readonly FileReadStatus[];
  readonly files: ReadonlyMap<ChipFile, Uint8Array>;
  /** Null when the protocol did not run. */
  readonly activeAuthentication: RecordedActiveAuthentication | null;
  readonly chipAuthentication: RecordedChipAuthentication | null;
  /** The chip's data of PACE-CAM (9303-11 §4.4.3.5), when PACE-CAM ran and the chip sent it. */
  readonly paceCam: PaceCamData | null;
}

/** The evidence of a reading and of the clone checks run after it (those not run are left out). */
export function chipEvidence(input: {
  readonly reading: ChipReading;
  readonly readAt: Date;
  readonly activeAuthentication?: ActiveAuthenticationResult | null;
  readonly chipAuthentication?: ChipAuthenticationResult | null;
}): ChipEvidence {
  const { reading, activeAuthentication: aa, chipAuthentication: ca } = input;
  return {
    readAt: input.readAt,
    access: reading.access,
    extendedLength: reading.extendedLength.used,
    statuses: [...reading.statuses],
    files: new Map(reading.files),
    activeAuthentication: aa ? { status: aa.status, detail: aa.detail, challenge: aa.challenge, answer: aa.answer } : null,
    chipAuthentication: ca ? { status: ca.check.status, detail: ca.check.detail, transcript: ca.transcript } : null,
    paceCam: reading.pace?.cam ?? null,
  };
}
