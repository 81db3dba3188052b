// The chip evidence package: a software passport read end to end in memory, its clone checks run,
// packed and signed with a station key, read back byte for byte and verified again offline against
// a desk's trust store — passive authentication, active authentication's signature, chip
// authentication's transcript (3DES and AES, ECDH and DH), PACE-CAM's data. A clone's record fails
// the re-check, and so does a record altered by the station that signed it; a package altered after
// signing, truncated or malformed is refused whole.
import { describe, expect, it } from 'vitest';
import { chipEvidence, type ChipEvidence } from '../../../electron/chip/evidence/chip-evidence';
import { decodeEvidencePackage, encodeEvidencePackage, EVIDENCE_FORMAT, MAX_EVIDENCE_BYTES } from '../../../electron/chip/evidence/evidence-package.codec';
import { verifyChipEvidence, type DeskTrust } from '../../../electron/chip/evidence/evidence-verification';
import { ChipError } from '../../../electron/chip/chip-error';
import { indexTrustAnchors } from '../../../electron/chip/pki/trust-anchors';
import { ChipReader } from '../../../electron/chip/reader/chip-reader';
import { VirtualChip } from '../../../electron/chip/virtual/virtual-chip';
import { VirtualChipTransport } from '../../../electron/chip/virtual/virtual-chip-transport';
import { bsi2008 } from '../../helpers/chip/chip-samples';
import { csca, signerUnder } from '../../helpers/chip/csca-fixtures';
import { pkiOf, readEvidence, testStation } from '../../helpers/chip/evidence-fixtures';
import type { PassportSpec } from '../../helpers/chip/virtual-passport';

const state = csca({ country: 'RS' });
const PKI = pkiOf(state, signerUnder(state));
const desk = (at = new Date('2026-03-02T09:30:00.000Z')): DeskTrust => ({ anchors: indexTrustAnchors([state.certificate]), crls: [], at });
const station = testStation();

function roundTrip(evidence: ChipEvidence) {
  return decodeEvidencePackage(encodeEvidencePackage(evidence, station, 'Gate 4 station'));
}

function refusal(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ChipError);
    expect((e as ChipError).kind).toBe('EvidenceRefused');
    return (e as ChipError).message;
  }
  throw new Error('not refused');
}

describe('a chip evidence package', () => {
  it('holds every file read, the access choice, the clone checks, and verifies again at a desk', async () => {
    const evidence = await readEvidence({ pki: PKI, aa: 'p256', ca: { agreement: 'ECDH', curve: 'secp256r1', cipher: 'AES-128' } });
    const bytes = encodeEvidencePackage(evidence, station, 'Gate 4 station', new Date('2026-03-02T09:31:00.000Z'));
    expect(bytes.toString('utf8').split('\n')[0]).toMatch(new RegExp(`^\\{"format":"${EVIDENCE_FORMAT.replace(/\./g, '\\.')}","createdAt":"2026-03-02T09:31:00.000Z","readAt":"2026-03-02T09:30:00.000Z","station":"Gate 4 station"`));
    const decoded = decodeEvidencePackage(bytes);
    expect(decoded.signerKey).toBe(station.publicKey);
    expect(decoded.station).toBe('Gate 4 station');
    const back = decoded.evidence;
    expect([...back.files.keys()]).toEqual([...evidence.files.keys()]);
    for (const [file, data] of evidence.files) expect(Buffer.from(back.files.get(file)!).equals(Buffer.from(data)), file).toBe(true);
    expect(back.access).toEqual(evidence.access);
    expect(back.access).toMatchObject({ protocol: 'BAC', reason: 'no-card-access' });
    expect(back.statuses).toEqual(evidence.statuses);
    expect(back.activeAuthentication).toEqual(evidence.activeAuthentication);
    expect(back.chipAuthentication).toEqual(evidence.chipAuthentication);
    expect(back.activeAuthentication?.challenge).toHaveLength(8);

    const verified = verifyChipEvidence(back, desk());
    expect(verified.passiveAuthentication).toMatchObject({ outcome: 'trusted', csca: { subject: 'C=RS, O=State RS, CN=CSCA RS' } });
    expect(verified.passiveAuthentication.dataGroups.map((g) => [g.dataGroup, g.status])).toEqual([[1, 'match'], [2, 'match'], [14, 'match'], [15, 'match']]);
    expect(verified.cloneChecks.map((c) => [c.method, c.recorded, c.recheck, c.counts])).toEqual([
      ['active-authentication', 'succeeded', 'succeeded', true],
      ['chip-authentication', 'succeeded', 'succeeded', true],
    ]);
    // The same record at a desk that does not know the CSCA: the proofs hold, but do not count.
    const unknown = verifyChipEvidence(back, { anchors: indexTrustAnchors([]), crls: [], at: new Date() });
    expect(unknown.passiveAuthentication.outcome).toBe('issuer-unknown');
    expect(unknown.cloneChecks.map((c) => [c.recheck, c.counts])).toEqual([['succeeded', false], ['succeeded', false]]);
  });

  const caSpecs: [string, PassportSpec['ca'], boolean][] = [
    ['ECDH brainpoolP224r1 3DES (as the BSI 2008 chip)', { agreement: 'ECDH', curve: 'brainpoolP224r1', cipher: 'TDES' }, false],
    ['ECDH brainpoolP256r1 AES-256', { agreement: 'ECDH', curve: 'brainpoolP256r1', cipher: 'AES-256' }, false],
    ['DH 1024/160 3DES', { agreement: 'DH', group: 0, cipher: 'TDES' }, false],
    ['DH 2048/256 AES-128', { agreement: 'DH', group: 2, cipher: 'AES-128' }, true],
  ];
  it.each(caSpecs)('repeats chip authentication from its transcript: %s', async (_label, ca, extendedLength) => {
    const evidence = roundTrip(await readEvidence({ pki: PKI, ca, aa: 'rsa1024', extendedLength })).evidence;
    const checks = verifyChipEvidence(evidence, desk()).cloneChecks;
    expect(checks.map((c) => [c.method, c.recheck, c.counts])).toEqual([['active-authentication', 'succeeded', true], ['chip-authentication', 'succeeded', true]]);
    expect(checks[1]!.detail).toBe("The chip's recorded answer verifies under the keys agreed with DG14's key.");
  });

  it('repeats the PACE-CAM check against EF.CardSecurity, which passes passive authentication', async () => {
    const evidence = roundTrip(await readEvidence({ pki: PKI, pace: [{ agreement: 'ECDH', mapping: 'CAM', cipher: 'AES-128', parameterId: 13 }] })).evidence;
    expect(evidence.access).toMatchObject({ protocol: 'PACE-CAM', reason: 'pace-offered' });
    expect(evidence.paceCam?.chipAuthenticationData.length).toBeGreaterThan(0);
    const verified = verifyChipEvidence(evidence, desk());
    expect(verified.cardSecurity).toMatchObject({ outcome: 'trusted' });
    expect(verified.cloneChecks).toEqual([expect.objectContaining({ method: 'pace-cam', recorded: null, recheck: 'succeeded', counts: true })]);
  });

  it("fails a clone's checks: its answers do not verify with the keys its files publish", async () => {
    const aa = verifyChipEvidence(roundTrip(await readEvidence({ pki: PKI, aa: 'rsa2048', extendedLength: true, cloneKeys: true })).evidence, desk()).cloneChecks;
    expect(aa.map((c) => [c.method, c.recorded, c.recheck, c.counts])).toEqual([['active-authentication', 'failed', 'failed', false]]);
    const ca = verifyChipEvidence(roundTrip(await readEvidence({ pki: PKI, ca: { agreement: 'ECDH', curve: 'secp256r1', cipher: 'AES-128' }, cloneKeys: true })).evidence, desk()).cloneChecks;
    expect(ca.map((c) => [c.method, c.recorded, c.recheck, c.counts])).toEqual([['chip-authentication', 'failed', 'failed', false]]);
    expect(ca[0]!.detail).toBe("The chip's recorded answer does not verify under the keys agreed with DG14's key.");
  });

  it('fails a record altered before signing: another answer, another terminal key, another command', async () => {
    const evidence = await readEvidence({ pki: PKI, aa: 'brainpoolP256r1', ca: { agreement: 'ECDH', curve: 'secp256r1', cipher: 'AES-128' } });
    const flip = (b: Uint8Array, at = 5) => Uint8Array.from(b, (v, i) => (i === at ? v ^ 1 : v));
    const aa = evidence.activeAuthentication!;
    const t = evidence.chipAuthentication!.transcript!;
    const altered = (patch: Partial<ChipEvidence>) => verifyChipEvidence(roundTrip({ ...evidence, ...patch }).evidence, desk()).cloneChecks.map((c) => `${c.method}:${c.recheck}:${c.detail}`);
    expect(altered({ activeAuthentication: { ...aa, challenge: flip(aa.challenge) } })[0]).toBe("active-authentication:failed:The chip's signature does not verify with the key of DG15.");
    expect(altered({ chipAuthentication: { ...evidence.chipAuthentication!, transcript: { ...t, response: flip(t.response, 3) } } })[1]).toBe("chip-authentication:failed:The chip's recorded answer does not verify under the keys agreed with DG14's key.");
    expect(altered({ chipAuthentication: { ...evidence.chipAuthentication!, transcript: { ...t, terminalPrivateKey: flip(t.terminalPrivateKey) } } })[1]).toBe('chip-authentication:failed:The recorded terminal key pair is not one: the record is not consistent.');
    expect(altered({ chipAuthentication: { ...evidence.chipAuthentication!, transcript: { ...t, command: flip(t.command, 8) } } })[1]).toBe("chip-authentication:failed:The recorded command was not protected with the keys agreed with DG14's key.");
    // A data group swapped for another chip's: the hash fails, and so the proofs do not count.
    const other = await readEvidence({ pki: PKI, aa: 'brainpoolP256r1', ca: { agreement: 'ECDH', curve: 'secp256r1', cipher: 'AES-128' } });
    const swapped = verifyChipEvidence(roundTrip({ ...evidence, files: new Map([...evidence.files, ['DG14', other.files.get('DG14')!]]) }).evidence, desk());
    expect(swapped.passiveAuthentication).toMatchObject({ outcome: 'hash-mismatch' });
    expect(swapped.cloneChecks.map((c) => [c.method, c.recheck, c.counts])).toEqual([['active-authentication', 'succeeded', false], ['chip-authentication', 'failed', false]]);
  });

  it('keeps a BAC reading of the real BSI 2008 chip files: hashes valid, issuer unknown', async () => {
    const chip = new VirtualChip({
      files: { COM: bsi2008('EF_COM'), SOD: bsi2008('EF_SOD'), DG1: bsi2008('Datagroup1'), DG2: bsi2008('Datagroup2'), DG14: bsi2008('Datagroup14') },
      mrz: { kind: 'MRZ', documentNumber: 'C11T002JM', dateOfBirth: '960812', dateOfExpiry: '131031' },
      bac: true, pace: [], extendedLength: false, maxReadLength: 0xdf, tooLong: 'wrong-length', oddInsRead: true,
    });
    const reading = await new ChipReader({ key: { kind: 'MRZ', documentNumber: 'C11T002JM', dateOfBirth: '960812', dateOfExpiry: '131031' } }).read(new VirtualChipTransport(chip));
    const evidence = roundTrip(chipEvidence({ reading, readAt: new Date('2008-06-01T10:00:00Z') })).evidence;
    const verified = verifyChipEvidence(evidence, { anchors: indexTrustAnchors([]), crls: [], at: evidence.readAt });
    expect(verified.passiveAuthentication).toMatchObject({ outcome: 'issuer-unknown', signature: { valid: true } });
    expect(verified.passiveAuthentication.dataGroups.map((g) => g.status)).toEqual(['match', 'match', 'not-read', 'match']);
    expect(verified.files.find((f) => f.file === 'DG15')).toMatchObject({ status: 'absent' });
    expect(verified.cloneChecks).toEqual([]);
  });
});

describe('a package refused', () => {
  it('when altered after signing, truncated, or its signature text is not canonical', async () => {
    const bytes = encodeEvidencePackage(await readEvidence({ pki: PKI, aa: 'p256' }), station, 'Gate 4');
    const text = bytes.toString('utf8');
    const flipped = Buffer.from(bytes);
    const at = text.indexOf('"data":"') + 20;
    flipped[at] = flipped[at]! ^ 0x01;
    expect(refusal(() => decodeEvidencePackage(flipped))).toBe('bad signature: the package was altered after it was signed');
    expect(refusal(() => decodeEvidencePackage(bytes.subarray(0, bytes.length - 30)))).toMatch(/the last line is incomplete/);
    expect(refusal(() => decodeEvidencePackage(bytes.subarray(0, text.indexOf('\n') + 1)))).toMatch(/no signature line/);
    // The last character of the signature with its padding bits set: Node would decode the same bytes.
    const sigAt = text.lastIndexOf('"signature":"') + '"signature":"'.length + 85;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    const padded = Buffer.from(text.slice(0, sigAt) + alphabet[alphabet.indexOf(text[sigAt]!) ^ 1] + text.slice(sigAt + 1));
    expect(Buffer.from(text.slice(sigAt - 85, sigAt + 3), 'base64').equals(Buffer.from(padded.toString().slice(sigAt - 85, sigAt + 3), 'base64'))).toBe(true);
    expect(refusal(() => decodeEvidencePackage(padded))).toBe('the signature is not 64 bytes of canonical base64');
    // Signed again by another key: a valid package, of another signer.
    const other = testStation();
    const resigned = decodeEvidencePackage(encodeEvidencePackage(decodeEvidencePackage(bytes).evidence, other, 'Gate 4'));
    expect(resigned.signerKey).toBe(other.publicKey);
    expect(refusal(() => decodeEvidencePackage(Buffer.from('not a package\n')))).toMatch(/no signature line/);
    expect(refusal(() => decodeEvidencePackage(Buffer.alloc(MAX_EVIDENCE_BYTES + 1, 0x0a)))).toMatch(/more than the .* allowed/);
  });

  it('when what a station signed is not a well-formed package: every line, size and hash is checked', () => {
    const sign = (lines: string[]) => {
      const body = Buffer.from(`${lines.join('\n')}\n`);
      return Buffer.concat([body, Buffer.from(`${JSON.stringify({ format: 'loupe.chip-evidence-signature/1', algorithm: 'ed25519', publicKey: station.publicKey, signature: station.sign(body).toString('base64') })}\n`)]);
    };
    const manifest = {
      format: EVIDENCE_FORMAT, createdAt: '2026-03-02T09:31:00.000Z', readAt: '2026-03-02T09:30:00.000Z', station: 'Gate 4',
      access: { protocol: 'BAC', reason: 'no-card-access', paceOid: null, detail: '', passwordType: 'MRZ' }, extendedLength: false, statuses: [],
      files: [{ file: 'DG1', size: 3, sha256: 'a0a4a3eb6bd9277a0e5335ed12ddcb0f8f5b4a0e2ee9e0d20a0c4e8c8e0f1a2b' }],
      activeAuthentication: null, chipAuthentication: null, paceCam: null,
    };
    const dg1 = JSON.stringify({ file: 'DG1', data: 'YQEA' });
    expect(refusal(() => decodeEvidencePackage(sign([JSON.stringify(manifest), dg1])))).toBe('hash mismatch: DG1 does not match its SHA-256 in the manifest');
    expect(refusal(() => decodeEvidencePackage(sign([JSON.stringify(manifest)])))).toBe('the manifest lists 1 files, the package holds 0');
    expect(refusal(() => decodeEvidencePackage(sign([JSON.stringify({ ...manifest, files: [{ ...manifest.files[0], file: 'DG99' }] }), dg1])))).toMatch(/^the manifest: files\.0\.file /);
    expect(refusal(() => decodeEvidencePackage(sign([JSON.stringify({ ...manifest, extra: 1 }), dg1])))).toMatch(/^the manifest: \(root\) Unrecognized key/);
    expect(refusal(() => decodeEvidencePackage(sign([JSON.stringify({ ...manifest, activeAuthentication: { status: 'succeeded', detail: '', challenge: 'AAAAAAAAAAB=', answer: null } }), dg1])))).toMatch(/^the manifest: activeAuthentication\.challenge is not canonical base64/);
    expect(refusal(() => decodeEvidencePackage(sign([JSON.stringify({ ...manifest, files: [{ file: 'DG1', size: 3, sha256: manifest.files[0]!.sha256 }] }), JSON.stringify({ file: 'DG1', data: 'YQE' })])))).toBe('DG1 is not canonical base64');
    expect(refusal(() => decodeEvidencePackage(sign([JSON.stringify({ ...manifest, files: [...manifest.files, ...manifest.files] }), dg1, dg1])))).toMatch(/DG1 is in the package twice|hash mismatch/);
    expect(refusal(() => decodeEvidencePackage(sign(['{"format":', dg1])))).toBe('the manifest is not valid JSON');
  });
});
