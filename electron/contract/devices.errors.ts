// What the device bridge and its drivers refuse besides the generic kinds (errors.ts). These cross
// the bridge (native/protocol.ts) and the contract as they are.
export const DEVICES_ERROR_KINDS = [
  /** No such device, or nothing to capture from it yet (no MRZ read, no complete image set). */
  'NotFound',
  /** The device is not ready: switched off, disconnected, or refusing the operation. */
  'DeviceUnavailable',
  /** The device is capturing already. */
  'DeviceBusy',
  /** The device did not answer in time. */
  'Timeout',
  /** The bridge process stopped (it is restarted) or was closed. */
  'BridgeStopped',
  /** A driver failed in a way of its own (its message says how). */
  'DriverFailed',
  /** The card (the document's chip) left the reader during the exchange. */
  'CardRemoved',
  /** The card on the reader gave no answer (mute, or not in the field well enough). */
  'NoCardAnswer',
] as const;
export type DevicesErrorKind = (typeof DEVICES_ERROR_KINDS)[number];
