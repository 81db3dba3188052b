// What a PC/SC failure means for the card session. The `smartcard` binding rejects with the text of
// pcsc-lite's error code only (its GetPCSCErrorString), so the text is the code here. Each failure
// becomes one DeviceError kind the main side can act on: the card left the reader, the card is mute,
// the reader or the service went away, another program holds the card.
import { DeviceError } from '../protocol';

export type PcscFailure = 'card-removed' | 'card-mute' | 'reader-gone' | 'service-stopped' | 'sharing' | 'other';

const BY_MESSAGE: Readonly<Record<string, PcscFailure>> = {
  // SCARD_W_REMOVED_CARD, SCARD_E_NO_SMARTCARD: pcscd saw the card go.
  'Card was removed': 'card-removed',
  'No smart card present': 'card-removed',
  // SCARD_W_RESET_CARD: someone reset the card; whatever session it had is gone, as if lifted.
  'Card was reset': 'card-removed',
  // SCARD_E_NOT_TRANSACTED: the reader driver could not exchange the APDU. vpcd gives it at once
  // when the card leaves mid-command, before pcscd's presence poll notices (other readers may do
  // the same): the session watches the reader before saying which it was.
  'Transaction failed': 'card-mute',
  'Card is unresponsive': 'card-mute',
  'Card is unpowered': 'card-mute',
  'Operation timed out': 'card-mute',
  'Reader unavailable': 'reader-gone',
  'Unknown reader': 'reader-gone',
  'Invalid handle': 'reader-gone',
  'PC/SC service not running': 'service-stopped',
  'PC/SC service stopped': 'service-stopped',
  'No readers available': 'service-stopped',
  // SCARD_F_COMM_ERROR: the socket to pcscd broke.
  'Communication error': 'service-stopped',
  'Sharing violation': 'sharing',
};

export function classifyPcscError(error: unknown): PcscFailure {
  const message = error instanceof Error ? error.message : String(error);
  return BY_MESSAGE[message] ?? 'other';
}

export function pcscDeviceError(failure: PcscFailure, error: unknown, reader: string): DeviceError {
  const cause = { cause: error };
  switch (failure) {
    case 'card-removed':
      return new DeviceError('CardRemoved', `The document was taken off the reader ${reader}.`, cause);
    case 'card-mute':
      return new DeviceError('NoCardAnswer', `The chip on the reader ${reader} did not answer.`, cause);
    case 'reader-gone':
      return new DeviceError('DeviceUnavailable', `The chip reader ${reader} is no longer available (unplugged?).`, cause);
    case 'service-stopped':
      return new DeviceError('DeviceUnavailable', 'The PC/SC service (pcscd) stopped; start it again and put the document back.', cause);
    case 'sharing':
      return new DeviceError('DeviceBusy', `Another program is using the chip on the reader ${reader}; close it and try again.`, cause);
    case 'other':
      return new DeviceError('DriverFailed', `The chip reader ${reader} failed (PC/SC: ${error instanceof Error ? error.message : String(error)}).`, cause);
  }
}
