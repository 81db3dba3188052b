// A station's public key as another station hands it over (`loupe trust add NAME FILE`, the trust
// screen): raw base64, SPKI PEM or SPKI DER in base64. Either an Ed25519 key and the station id it
// names, or the trust domain's KeyRefused.
import { generateKeyPairSync } from 'node:crypto';
import fc from 'fast-check';
import { keyIdentity, stationIdFromPublicKey } from '../../../electron/trust/public-key';
import { anyTarget, loupeErrorOf, mutatedText, utf8, type AnyFuzzTarget, type FuzzTarget } from '../fuzz-kit';

let samples: string[] | undefined;

function setUp(): Promise<void> {
  if (!samples) {
    const ed = generateKeyPairSync('ed25519').publicKey;
    const der = ed.export({ format: 'der', type: 'spki' });
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey;
    samples = [
      der.subarray(der.length - 32).toString('base64'),
      ed.export({ format: 'pem', type: 'spki' }).toString(),
      der.toString('base64'),
      ec.export({ format: 'pem', type: 'spki' }).toString(),
    ];
  }
  return Promise.resolve();
}

const publicKeyTarget: FuzzTarget<string> = {
  name: 'trust-public-key',
  area: 'trust',
  setUp,
  input: () => fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), mutatedText(samples!)),
  run: keyIdentity,
  isOwnError: loupeErrorOf('trust', ['KeyRefused']),
  check: (result) => {
    const { publicKey, station } = result as { publicKey: string; station: string };
    if (!/^[A-Za-z0-9+/]{43}=$/.test(publicKey) || station !== stationIdFromPublicKey(publicKey)) throw new Error(`key ${publicKey}, station ${station}`);
  },
  bytes: utf8,
};

export const TRUST_TARGETS: AnyFuzzTarget[] = [anyTarget(publicKeyTarget)];
