// Ed25519 public keys in each form they reach a station (raw base64, SPKI PEM, SPKI DER in base64)
// are one key with one station id; anything else — altered base64, another kind of key — is refused.
// The station key is one key for every signature, kept where it always was (<data>/keys/).
import { createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { keyFingerprint, memberKeyOf, parsePublicKey, publicKeyFromRaw, rawPublicKey, stationIdFromPublicKey } from '../../../electron/trust/public-key';
import { loadOrCreateStationKey } from '../../../electron/trust/station-key';
import { useTempDir } from '../../helpers/temp-dir';

const dir = useTempDir('loupe-trust-keys-');
const { publicKey } = generateKeyPairSync('ed25519');
const raw = rawPublicKey(publicKey);
const pem = publicKey.export({ format: 'pem', type: 'spki' }).toString();
const der = publicKey.export({ format: 'der', type: 'spki' }).toString('base64');

describe('public keys', () => {
  it('reads the raw key, PEM and base64 DER as the same key', () => {
    expect(raw).toHaveLength(44);
    for (const text of [raw, pem, der, `  ${raw}\n`, `\n${pem}\n`]) expect(memberKeyOf(text)).toBe(raw);
    expect(keyFingerprint(parsePublicKey(raw))).toBe(keyFingerprint(publicKey));
    expect(stationIdFromPublicKey(raw)).toMatch(/^[0-9a-f]{16}$/);
    expect(rawPublicKey(publicKeyFromRaw(raw))).toBe(raw);
  });

  it('refuses base64 that is not the one canonical encoding, and keys that are not Ed25519', () => {
    // The last letter carries two padding bits: set one and Node still decodes the same 32 bytes.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    const altered = `${raw.slice(0, -2)}${alphabet[alphabet.indexOf(raw.at(-2)!) ^ 1]}=`;
    expect(Buffer.from(altered, 'base64').equals(Buffer.from(raw, 'base64'))).toBe(true);
    expect(() => memberKeyOf(altered)).toThrow(/not a public key/);
    for (const bad of [raw.slice(0, -1), `${raw.slice(0, 20)} ${raw.slice(20)}`, raw.replace(/=$/, ''), 'AAAA', '', 'not a key', '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----']) {
      expect(() => memberKeyOf(bad), bad).toThrow(/not a public key: give a raw 32-byte Ed25519 public key/);
    }
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ format: 'pem', type: 'spki' }).toString();
    expect(() => memberKeyOf(rsa)).toThrow(/is rsa, not Ed25519/);
  });
});

describe('the station key', () => {
  it('is created once in <data>/keys/ and is the one identity for every signature', () => {
    const data = join(dir, 'station');
    const key = loadOrCreateStationKey(data, 'Gate 3');
    expect(existsSync(join(data, 'keys', 'station-ed25519.key'))).toBe(true);
    const again = loadOrCreateStationKey(data);
    expect(again.station).toBe(key.station);
    expect(again.name).toBe('Gate 3');
    expect(key.station).toBe(stationIdFromPublicKey(key.publicKey));
    expect(memberKeyOf(key.publicKeyPem)).toBe(key.publicKey);
    expect(keyFingerprint(createPublicKey(key.privateKey))).toBe(key.fingerprint);
    const data2 = Buffer.from('signed by the station');
    expect(verify(null, data2, publicKeyFromRaw(again.publicKey), key.sign(data2))).toBe(true);
  });
});
