// Why a BER-TLV structure was refused. Chip data is hostile input: every length is checked against
// what is left, against a size limit, and nesting and node counts are bounded, so a malformed or
// malicious file gives this error and never a crash, a hang or a huge allocation.
import { ChipError } from '../chip-error';

export type TlvErrorReason =
  | 'truncated'
  | 'bad-tag'
  | 'bad-length'
  | 'too-long'
  | 'too-deep'
  | 'too-many-nodes'
  | 'trailing-data'
  | 'not-constructed'
  | 'unexpected-tag'
  | 'missing-element';

const REASON_TEXT: Record<TlvErrorReason, string> = {
  truncated: 'the data ends before the structure does',
  'bad-tag': 'a tag is not valid',
  'bad-length': 'a length field is not valid',
  'too-long': 'an element is larger than allowed',
  'too-deep': 'the structure is nested too deeply',
  'too-many-nodes': 'the structure has too many elements',
  'trailing-data': 'unexpected bytes follow the structure',
  'not-constructed': 'a simple element was found where a structure was expected',
  'unexpected-tag': 'an element is not the one expected here',
  'missing-element': 'a required element is missing',
};

export class TlvError extends ChipError {
  constructor(
    readonly reason: TlvErrorReason,
    readonly offset: number,
    detail?: string,
  ) {
    super('MalformedData', `Malformed chip data: ${REASON_TEXT[reason]}${detail ? ` (${detail})` : ''} at byte ${offset}.`);
    this.name = 'TlvError';
  }
}
