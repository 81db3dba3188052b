// The device bridge's failures in the chip domain's words: what ChipReader stops and resumes on.
import { describe, expect, it } from 'vitest';
import { ChipError } from '../../../electron/chip/chip-error';
import { chipErrorFromBridge } from '../../../electron/devices/bridge-apdu-transport';
import { DEVICES_ERROR_KINDS } from '../../../electron/contract/devices.errors';
import { COMMON_ERROR_KINDS } from '../../../electron/contract/errors';
import { DeviceError } from '../../../native/protocol';

describe('device bridge failures as chip errors', () => {
  it.each([
    ['CardRemoved', 'CardRemoved'],
    ['Timeout', 'Timeout'],
    ['NoCardAnswer', 'NoChipAnswer'],
    ['BridgeStopped', 'NoChipAnswer'],
    ['DeviceUnavailable', 'NoChipAnswer'],
    ['NotFound', 'NoChipAnswer'],
    ['DriverFailed', 'NoChipAnswer'],
    ['DeviceBusy', 'NoChipAnswer'],
    ['InvalidInput', 'Internal'],
  ] as const)('%s → %s, the device error kept as the cause', (deviceKind, chipKind) => {
    const device = new DeviceError(deviceKind, 'the reader said so');
    const chip = chipErrorFromBridge(device);
    expect(chip).toBeInstanceOf(ChipError);
    expect(chip.kind).toBe(chipKind);
    expect(chip.cause).toBe(device);
  });

  it('maps every kind that can cross the bridge', () => {
    for (const kind of [...DEVICES_ERROR_KINDS, ...COMMON_ERROR_KINDS]) expect(chipErrorFromBridge(new DeviceError(kind, 'x')).kind).toMatch(/^[A-Z]/);
  });

  it('passes chip errors through and calls anything else internal', () => {
    const own = new ChipError('SecureMessagingFailure', 'mac');
    expect(chipErrorFromBridge(own)).toBe(own);
    expect(chipErrorFromBridge(new TypeError('bug')).kind).toBe('Internal');
  });
});
