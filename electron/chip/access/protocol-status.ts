// What a refusal during access control means to the officer (ICAO 9303-11 §4.3.4, §4.4.4;
// ISO/IEC 7816-4 §5.6): a failed verification is a wrong MRZ or CAN, a blocked or suspended
// password says so, an unknown instruction is a protocol the chip does not speak.
import { ChipError } from '../chip-error';
import { SW, swText, triesLeft } from '../apdu/status-words';

export function accessRefusal(step: string, sw: number): ChipError {
  const tries = triesLeft(sw);
  if (tries !== null) {
    return new ChipError('AccessDenied', `The chip refused the access data (${tries} ${tries === 1 ? 'try' : 'tries'} left). Check the MRZ or CAN.`, sw);
  }
  switch (sw) {
    case SW.AUTHENTICATION_FAILED:
    case SW.SECURITY_STATUS_NOT_SATISFIED:
      return new ChipError('AccessDenied', 'The chip refused the access data. Check the MRZ or CAN.', sw);
    case SW.AUTHENTICATION_BLOCKED:
      return new ChipError('AccessDenied', 'The chip has blocked this access data after too many wrong attempts.', sw);
    case SW.INS_NOT_SUPPORTED:
    case SW.FUNCTION_NOT_SUPPORTED:
    case SW.WRONG_DATA:
    case SW.REFERENCED_DATA_NOT_FOUND:
    case SW.INCORRECT_P1_P2:
      return new ChipError('UnsupportedProtocol', `The chip does not support this access protocol (${step}: ${swText(sw)}).`, sw);
    default:
      return new ChipError('CommandFailed', `The chip refused ${step} (status ${swText(sw)}).`, sw);
  }
}
