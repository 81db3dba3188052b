// What the PC/SC driver makes of pcsc-lite's failures (the smartcard binding gives their text only):
// each becomes a kind the main side acts on.
import { describe, expect, it } from 'vitest';
import { classifyPcscError, pcscDeviceError } from '../../../native/drivers/pcsc-errors';

describe('PC/SC failures', () => {
  it.each([
    ['Card was removed', 'card-removed', 'CardRemoved'],
    ['No smart card present', 'card-removed', 'CardRemoved'],
    ['Card was reset', 'card-removed', 'CardRemoved'],
    ['Transaction failed', 'card-mute', 'NoCardAnswer'],
    ['Card is unresponsive', 'card-mute', 'NoCardAnswer'],
    ['Reader unavailable', 'reader-gone', 'DeviceUnavailable'],
    ['Invalid handle', 'reader-gone', 'DeviceUnavailable'],
    ['PC/SC service not running', 'service-stopped', 'DeviceUnavailable'],
    ['Communication error', 'service-stopped', 'DeviceUnavailable'],
    ['Sharing violation', 'sharing', 'DeviceBusy'],
    ['Insufficient buffer', 'other', 'DriverFailed'],
  ] as const)('%s → %s (%s)', (message, failure, kind) => {
    const error = new Error(message);
    expect(classifyPcscError(error)).toBe(failure);
    const device = pcscDeviceError(failure, error, 'Reader 1');
    expect(device.kind).toBe(kind);
    expect(device.cause).toBe(error);
    expect(device.message).not.toMatch(/\/(run|tmp|home|usr)\//);
  });

  it('names the reader for the officer, and PC/SC\'s own words only for the unexpected', () => {
    expect(pcscDeviceError('card-removed', new Error('Card was removed'), 'ACS ACR1252 00 00').message).toBe('The document was taken off the reader ACS ACR1252 00 00.');
    expect(pcscDeviceError('other', new Error('Insufficient buffer'), 'R').message).toContain('Insufficient buffer');
    expect(classifyPcscError('not an error object')).toBe('other');
  });
});
