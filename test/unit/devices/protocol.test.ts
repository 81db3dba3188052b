import { describe, expect, it } from 'vitest';
import { CaptureSchema, HostMessageSchema, MAX_APDU_BYTES, RequestSchema } from '../../../native/protocol';

describe('bridge protocol', () => {
  it('accepts well-formed requests', () => {
    expect(RequestSchema.parse({ type: 'capture', id: 3, deviceId: 'virtual-scanner' })).toEqual({ type: 'capture', id: 3, deviceId: 'virtual-scanner' });
    expect(RequestSchema.safeParse({ type: 'configure', id: 1, deviceId: 'sane', settings: { resolution: 300, device: 'test' } }).success).toBe(true);
  });

  it.each([
    ['unknown type', { type: 'format-disk', id: 1 }],
    ['missing id', { type: 'list' }],
    ['negative id', { type: 'list', id: -1 }],
    ['extra field', { type: 'list', id: 1, sudo: true }],
    ['nested settings', { type: 'configure', id: 1, deviceId: 'sane', settings: { a: { b: 1 } } }],
    ['empty device id', { type: 'capture', id: 1, deviceId: '' }],
    ['not an object', 'list'],
  ])('rejects a malformed request (%s)', (_name, message) => {
    expect(RequestSchema.safeParse(message).success).toBe(false);
  });

  it('accepts responses and events from the bridge', () => {
    expect(HostMessageSchema.safeParse({ type: 'response', id: 1, ok: true, result: [] }).success).toBe(true);
    expect(HostMessageSchema.safeParse({ type: 'response', id: 1, ok: false, error: { kind: 'Timeout', message: 'slow' } }).success).toBe(true);
    expect(HostMessageSchema.safeParse({ type: 'log', level: 'info', message: 'hello' }).success).toBe(true);
  });

  it.each([
    ['error kind outside the closed set', { type: 'response', id: 1, ok: false, error: { kind: 'Oops', message: 'x' } }],
    ['ok response without… ok literal', { type: 'response', id: 1, ok: 'yes', result: 1 }],
    ['status with an unknown state', { type: 'status', devices: [{ id: 'x', kind: 'usb', name: 'x', state: 'on-fire', provides: [], settings: {} }] }],
    ['capture with an unknown light', { type: 'capture', capture: { deviceId: 'x', images: [{ light: 'xray', path: '/a', mime: 'image/png' }], capturedAt: 'now' } }],
    ['unknown log level', { type: 'log', level: 'shout', message: 'x' }],
  ])('rejects a malformed bridge message (%s)', (_name, message) => {
    expect(HostMessageSchema.safeParse(message).success).toBe(false);
  });

  it('keeps MRZ text optional on captures', () => {
    expect(CaptureSchema.parse({ deviceId: 'serial-mrz', images: [], mrzText: ['A', 'B'], capturedAt: '2025-01-01T00:00:00Z' }).mrzText).toEqual(['A', 'B']);
  });

  it('carries chip-reader requests with APDUs as hex', () => {
    expect(RequestSchema.parse({ type: 'transmit', id: 4, deviceId: 'pcsc', session: 'abc', apdu: '00A4040C07A0000002471001', timeoutMs: 5000 })).toMatchObject({ type: 'transmit', apdu: '00A4040C07A0000002471001' });
    expect(RequestSchema.safeParse({ type: 'connect', id: 5, deviceId: 'pcsc', reader: 'Virtual PCD 00 00' }).success).toBe(true);
    expect(RequestSchema.safeParse({ type: 'readers', id: 6, deviceId: 'pcsc' }).success).toBe(true);
    expect(RequestSchema.safeParse({ type: 'disconnect', id: 7, deviceId: 'pcsc', session: 'abc' }).success).toBe(true);
  });

  it.each([
    ['odd hex', { type: 'transmit', id: 1, deviceId: 'pcsc', session: 's', apdu: '00A4040', timeoutMs: 10 }],
    ['not hex', { type: 'transmit', id: 1, deviceId: 'pcsc', session: 's', apdu: '00A4ZZ0C', timeoutMs: 10 }],
    ['shorter than a header', { type: 'transmit', id: 1, deviceId: 'pcsc', session: 's', apdu: '00A4', timeoutMs: 10 }],
    ['longer than any APDU', { type: 'transmit', id: 1, deviceId: 'pcsc', session: 's', apdu: '00'.repeat(MAX_APDU_BYTES + 1), timeoutMs: 10 }],
    ['no timeout', { type: 'transmit', id: 1, deviceId: 'pcsc', session: 's', apdu: '00A4040C' }],
    ['endless timeout', { type: 'transmit', id: 1, deviceId: 'pcsc', session: 's', apdu: '00A4040C', timeoutMs: 10_000_000 }],
    ['connect without reader', { type: 'connect', id: 1, deviceId: 'pcsc' }],
  ])('rejects a malformed chip-reader request (%s)', (_name, message) => {
    expect(RequestSchema.safeParse(message).success).toBe(false);
  });

  it('accepts chip-reader events and refuses unknown ones', () => {
    expect(HostMessageSchema.safeParse({ type: 'chip-reader', reader: { deviceId: 'pcsc', event: 'card-present', reader: 'R', atr: '3B8580' } }).success).toBe(true);
    expect(HostMessageSchema.safeParse({ type: 'chip-reader', reader: { deviceId: 'pcsc', event: 'reader-removed', reader: 'R' } }).success).toBe(true);
    expect(HostMessageSchema.safeParse({ type: 'chip-reader', reader: { deviceId: 'pcsc', event: 'card-exploded', reader: 'R' } }).success).toBe(false);
    expect(HostMessageSchema.safeParse({ type: 'chip-reader', reader: { deviceId: 'pcsc', event: 'card-present', reader: 'R', atr: 'xyz' } }).success).toBe(false);
  });
});
