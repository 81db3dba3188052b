// The chip's outside bytes: every file a chip (or a file offered to the station) hands over — the
// BER-TLV reader itself, the LDS data groups, EF.SOD and CMS, certificates, CRLs and master lists
// (as the chip domain decodes them and as the CSCA trust store reads a file), EF.CardAccess and
// EF.CardSecurity, the images in DG2/DG7, response APDUs, and chip evidence packages. Each decoder
// answers with a value or a ChipError of a declared kind (tlv-error.ts: MalformedData; evidence:
// EvidenceRefused); the trust store's reader with the trust domain's TrustFileRefused.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import sharp from 'sharp';
import { parseResponseApdu } from '../../../electron/chip/apdu/response-apdu';
import { readDynamicAuthenticationData } from '../../../electron/chip/access/dynamic-authentication-data';
import { decodeEvidencePackage, encodeEvidencePackage } from '../../../electron/chip/evidence/evidence-package.codec';
import { decodeCardSecurity } from '../../../electron/chip/lds/card-security.codec';
import { decodeChipImage } from '../../../electron/chip/lds/chip-image-decoder';
import { decodeDg1 } from '../../../electron/chip/lds/dg1-mrz.codec';
import { decodeDg11, encodeDg11 } from '../../../electron/chip/lds/dg11-personal-details.codec';
import { decodeDg12, encodeDg12 } from '../../../electron/chip/lds/dg12-document-details.codec';
import { decodeDg14 } from '../../../electron/chip/lds/dg14-security-options.codec';
import { decodeDg15 } from '../../../electron/chip/lds/dg15-active-authentication.codec';
import { decodeDg2, encodeDg2 } from '../../../electron/chip/lds/dg2-face.codec';
import { decodeDg7, encodeDg7 } from '../../../electron/chip/lds/dg7-signature.codec';
import { decodeEfCom } from '../../../electron/chip/lds/ef-com.codec';
import { decodeSecurityInfos } from '../../../electron/chip/lds/security-infos.codec';
import { decodeSod } from '../../../electron/chip/lds/sod.codec';
import { decodeRevocationList } from '../../../electron/chip/pki/certificate-revocation-list';
import { decodeSignedData } from '../../../electron/chip/pki/cms-signed-data';
import { decodeMasterList } from '../../../electron/chip/pki/master-list';
import { verifyPassiveAuthentication } from '../../../electron/chip/pki/passive-authentication';
import { indexTrustAnchors } from '../../../electron/chip/pki/trust-anchors';
import { decodeCertificate } from '../../../electron/chip/pki/x509-certificate';
import { decodeTlv, tlvChildren, type Tlv } from '../../../electron/chip/tlv/ber-tlv-reader';
import { readTrustFile } from '../../../electron/trust/csca-trust-file';
import { CHIP_SAMPLES, bsi2008 } from '../../helpers/chip/chip-samples';
import { crlOf, csca, masterList, pem, signerUnder } from '../../helpers/chip/csca-fixtures';
import { readEvidence, testStation } from '../../helpers/chip/evidence-fixtures';
import { passportPki, virtualPassport } from '../../helpers/chip/virtual-passport';
import { utc } from '../../helpers/chip/test-pki';
import { anyTarget, chipErrorOf, hostileBytes, loupeErrorOf, mutatedBytes, utf8, type AnyFuzzTarget, type FuzzTarget } from '../fuzz-kit';

/** Valid samples, built once: the real BSI test chip's files when present, the specimen passport's always. */
interface ChipSamples {
  files: Record<string, Uint8Array[]>;
  evidence: Uint8Array[];
  images: Uint8Array[];
}

let built: Promise<ChipSamples> | undefined;
let samples: ChipSamples | undefined;

async function buildSamples(): Promise<ChipSamples> {
  const files: Record<string, Uint8Array[]> = {};
  const add = (name: string, bytes: Uint8Array | undefined) => {
    if (bytes) (files[name] ??= []).push(bytes);
  };
  const real = existsSync(join(CHIP_SAMPLES, 'bsi2008', 'EF_COM.bin'));
  if (real) {
    add('COM', bsi2008('EF_COM'));
    add('DG1', bsi2008('Datagroup1'));
    add('DG14', bsi2008('Datagroup14'));
    add('DG15', bsi2008('Datagroup15'));
    add('SOD', bsi2008('EF_SOD'));
  }
  const pki = passportPki();
  const passport = virtualPassport({
    pki,
    pace: [{ agreement: 'ECDH', mapping: 'CAM', cipher: 'AES-128', parameterId: 13 }],
    ca: { agreement: 'ECDH', curve: 'secp256r1', cipher: 'AES-128' },
    aa: 'p256',
  });
  const f = passport.config.files;
  add('COM', f.COM);
  add('DG1', f.DG1);
  add('DG14', f.DG14);
  add('DG15', f.DG15);
  add('SOD', f.SOD);
  add('CardAccess', f.CardAccess);
  add('CardSecurity', f.CardSecurity);
  const jpeg = new Uint8Array(await sharp({ create: { width: 48, height: 64, channels: 3, background: { r: 200, g: 120, b: 40 } } }).jpeg().toBuffer());
  const realFace = real ? decodeDg2(bsi2008('Datagroup2')).faces[0]!.image : undefined;
  // DG2 whole is large (a JPEG 2000 face); its head with a small JPEG face keeps each run quick.
  add('DG2', encodeDg2([{ image: jpeg, width: 48, height: 64 }]));
  add('DG2', encodeDg2([{ image: jpeg, width: 48, height: 64, encoding: 'ISO39794-5' }]));
  add('DG7', encodeDg7([jpeg]));
  add('DG11', encodeDg11({ fullName: 'ERIKSSON<<ANNA<MARIA', otherNames: ['ANNA ÅKESSON'], personalNumber: '123456789', fullDateOfBirth: '19740812', placeOfBirth: 'ZENITH', otherTravelDocumentNumbers: ['XYZ12345'] }));
  add('DG12', encodeDg12({ issuingAuthority: 'UTOPIA', dateOfIssue: '20020131', otherPersons: ['A<<B'], endorsements: 'MINOR', imageOfFront: jpeg, personalizationTime: '20020131141516' }));
  const root = csca({ country: 'DE' });
  const mlSigner = signerUnder(root, { cn: 'Master List Signer' });
  add('Certificate', pki.csca.encoded);
  add('Certificate', pki.ds.encoded);
  add('CRL', crlOf(root, [{ serial: 0x42n, date: utc(2025, 1, 1) }, { serial: 0x1234n, date: utc(2025, 2, 1) }], utc(2025, 3, 1), utc(2026, 3, 1)));
  add('MasterList', masterList(mlSigner, [root.certificate, pki.csca]));
  const images = [jpeg, ...(realFace ? [realFace.subarray(0, realFace.length)] : [])];
  return { files, evidence: [], images };
}

async function setUp(): Promise<void> {
  built ??= buildSamples();
  samples = await built;
}

/** The evidence package needs a whole chip reading (PACE, chip and active authentication): only for its target. */
async function setUpEvidence(): Promise<void> {
  await setUp();
  if (samples!.evidence.length > 0) return;
  const pki = passportPki();
  const evidence = await readEvidence({ pki, ca: { agreement: 'ECDH', curve: 'secp256r1', cipher: 'AES-128' }, aa: 'p256' });
  samples!.evidence.push(new Uint8Array(encodeEvidencePackage(evidence, testStation(), 'Fuzz desk')));
}

function sampleFiles(...names: string[]): Uint8Array[] {
  if (!samples) throw new Error('chip samples not built (setUp first)');
  return names.flatMap((n) => samples!.files[n] ?? []);
}

/** Walks the whole tree, as a caller that looks at every element would. */
function walk(t: Tlv): number {
  return t.constructed ? 1 + tlvChildren(t).reduce((n, c) => n + walk(c), 0) : 1;
}

const bytesOf = (b: Uint8Array) => b;
const malformed = chipErrorOf(['MalformedData']);

/**
 * Elements whose length fields claim gigabytes over a few bytes, nesting far deeper than the limit,
 * and more elements than the limit: under each file's own first tag and under SEQUENCE.
 */
function claimingTlvExamples(sampleNames: string[]): Uint8Array[] {
  const tags = [...new Set([0x30, ...sampleFiles(...sampleNames).map((b) => b[0] ?? 0x30)])];
  return tags.flatMap((tag) => [
    Uint8Array.of(tag, 0x84, 0xff, 0xff, 0xff, 0xff, 0x01, 0x02),
    Uint8Array.of(tag, 0x84, 0x7f, 0xff, 0xff, 0xff, 0x30, 0x00),
    Uint8Array.of(tag, 0x83, 0xff, 0xff, 0xff, 0x04, 0x84, 0xff, 0xff, 0xff, 0xff),
    Uint8Array.of(tag, 0x85, 0x01, 0x00, 0x00, 0x00, 0x00),
    new Uint8Array(20_000).map((_, i) => (i % 2 === 0 ? tag | 0x20 : 0x80)),
    // 100 000 NULLs inside one element: past the element budget only with a lower limit, but all walked.
    new Uint8Array(Buffer.concat([Uint8Array.of(tag | 0x20, 0x83, 0x03, 0x0d, 0x40), new Uint8Array(200_000).map((_, i) => (i % 2 === 0 ? 0x05 : 0x00))])),
  ]);
}

/**
 * The samples with the first attribute value of a name (after an id-at OID, 06 03 55 04 xx) of odd
 * length turned into a BMPString, two bytes a character (X.680 §41): a name no UCS-2 text can be.
 */
function oddBmpStringExamples(sampleNames: string[]): Uint8Array[] {
  return sampleFiles(...sampleNames).flatMap((sample) => {
    for (let i = 5; i + 2 < sample.length; i++) {
      const afterAttributeOid = sample[i - 5] === 0x06 && sample[i - 4] === 0x03 && sample[i - 3] === 0x55 && sample[i - 2] === 0x04;
      const length = sample[i + 1]!;
      if (afterAttributeOid && (sample[i] === 0x13 || sample[i] === 0x0c) && length < 0x80 && length % 2 === 1) {
        const odd = new Uint8Array(sample);
        odd[i] = 0x1e;
        return [odd];
      }
    }
    return [];
  });
}

function decoderTarget(name: string, sampleNames: string[], decode: (b: Uint8Array) => unknown, maxArbitraryLength = 512): FuzzTarget<Uint8Array> {
  return {
    name,
    area: 'chip',
    setUp,
    examples: () => [...claimingTlvExamples(sampleNames), ...oddBmpStringExamples(sampleNames)],
    input: () => hostileBytes(sampleFiles(...sampleNames), maxArbitraryLength),
    run: decode,
    isOwnError: malformed,
    bytes: bytesOf,
  };
}

const ALL_FILES = ['COM', 'DG1', 'DG2', 'DG7', 'DG11', 'DG12', 'DG14', 'DG15', 'SOD', 'CardAccess', 'CardSecurity', 'Certificate', 'CRL', 'MasterList'];

const BYTE_TARGETS: FuzzTarget<Uint8Array>[] = [
  decoderTarget('chip-tlv', ALL_FILES, (b) => walk(decodeTlv(b, { skipPadding: true }))),
  decoderTarget('chip-ef-com', ['COM'], decodeEfCom),
  decoderTarget('chip-dg1', ['DG1'], decodeDg1),
  decoderTarget('chip-dg2', ['DG2'], decodeDg2),
  decoderTarget('chip-dg7', ['DG7'], decodeDg7),
  decoderTarget('chip-dg11', ['DG11'], decodeDg11),
  decoderTarget('chip-dg12', ['DG12'], decodeDg12),
  decoderTarget('chip-dg14', ['DG14'], decodeDg14),
  decoderTarget('chip-dg15', ['DG15'], decodeDg15),
  decoderTarget('chip-sod', ['SOD'], decodeSod),
  decoderTarget('chip-signed-data', ['SOD', 'CardSecurity', 'MasterList'], (b) => decodeSignedData(b)),
  decoderTarget('chip-card-access', ['CardAccess', 'DG14'], (b) => decodeSecurityInfos(b)),
  decoderTarget('chip-card-security', ['CardSecurity'], decodeCardSecurity),
  decoderTarget('chip-certificate', ['Certificate'], decodeCertificate),
  decoderTarget('chip-crl', ['CRL'], decodeRevocationList),
  decoderTarget('chip-master-list', ['MasterList'], decodeMasterList),
  { ...decoderTarget('chip-response-apdu', ['COM'], parseResponseApdu, 64), isOwnError: chipErrorOf(['NoChipAnswer', 'MalformedData']) },
  decoderTarget('chip-dynamic-auth-data', ['CardAccess'], readDynamicAuthenticationData),
  {
    // Passive authentication never throws: a SOD it cannot read is its finding.
    name: 'chip-passive-auth',
    area: 'chip',
    setUp,
    input: () => hostileBytes(sampleFiles('SOD')),
    run: (sod) => verifyPassiveAuthentication({ sod, dataGroups: new Map([[1, sampleFiles('DG1')[0]!]]), anchors: indexTrustAnchors([]), at: new Date('2026-01-01T00:00:00Z') }),
    isOwnError: () => false,
    check: (result) => {
      if ((result as { outcome: string }).outcome === 'trusted') throw new Error('a SOD with no trust anchor was trusted');
    },
    bytes: bytesOf,
  },
  {
    // A file offered to the CSCA trust store: DER or PEM, master list, certificates or CRLs.
    name: 'trust-file',
    area: 'chip',
    setUp,
    input: () =>
      fc.oneof(
        hostileBytes(sampleFiles('Certificate', 'CRL', 'MasterList', 'SOD')),
        mutatedBytes(sampleFiles('Certificate', 'CRL').map((b, i) => new Uint8Array(Buffer.from(pem(i < 2 ? 'CERTIFICATE' : 'X509 CRL', b))))),
      ),
    // Block openings that never close: a file of 16 MB of them must be refused as quickly as any other.
    examples: () => [utf8('-----BEGIN CERTIFICATE-----\n'.repeat(20_000)), utf8(`${'-----BEGIN X509 CRL-----'.repeat(10_000)}-----END X509 CRL-----`), utf8('-----BEGIN A-----'.repeat(20_000))],
    run: (b) => readTrustFile('offered.der', b),
    isOwnError: loupeErrorOf('trust', ['TrustFileRefused']),
    bytes: bytesOf,
  },
  {
    name: 'chip-image',
    area: 'chip',
    setUp,
    timeBoundMs: 4000,
    input: () => mutatedBytes(samples!.images),
    run: (b) => decodeChipImage(b),
    isOwnError: malformed,
    check: (result) => {
      const { width, height, png } = result as { width: number; height: number; png: Uint8Array };
      if (!(width > 0 && height > 0 && png.length > 0)) throw new Error(`image of ${width} × ${height}`);
    },
    bytes: bytesOf,
  },
  {
    // The package is self-signed (its key is in the signature line): mutated bodies are re-signed so
    // the reader gets past the signature to the manifest and the files.
    name: 'chip-evidence',
    area: 'chip',
    setUp: setUpEvidence,
    input: () =>
      fc.tuple(mutatedBytes(samples!.evidence), fc.boolean()).map(([mutated, resign]) => (resign ? resignEvidence(mutated) : mutated)),
    run: decodeEvidencePackage,
    isOwnError: chipErrorOf(['EvidenceRefused']),
    bytes: bytesOf,
  },
];

export const CHIP_TARGETS: AnyFuzzTarget[] = BYTE_TARGETS.map(anyTarget);

let evidenceSigner: ReturnType<typeof testStation> | undefined;

/** The body (every line but the last) signed again with a station key, so only the body is hostile. */
function resignEvidence(mutated: Uint8Array): Uint8Array {
  evidenceSigner ??= testStation();
  const text = Buffer.from(mutated);
  const end = text.lastIndexOf(0x0a, text.length - 2);
  const body = end < 0 ? text : text.subarray(0, end + 1);
  const signature = { format: 'loupe.chip-evidence-signature/1', algorithm: 'ed25519', publicKey: evidenceSigner.publicKey, signature: evidenceSigner.sign(body).toString('base64') };
  return new Uint8Array(Buffer.concat([body, Buffer.from(`${JSON.stringify(signature)}\n`)]));
}
