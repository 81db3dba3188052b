// The chip in the examination over the real stack: the station composed as the desktop app composes
// it (createServices), its device bridge inside a private PC/SC namespace (pcscd + vpcd, as the
// device tests), the virtual scanner's specimen scanned and OCR'd, and a virtual card holding that
// specimen's MRZ in DG1 put on the reader. The chip read starts by itself from the MRZ reading; the
// verdict layers, the chip section, the evidence package and the face comparison are checked in the
// examination as stored.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EvidenceCheck } from '../../../electron/cli/commands/chip.command';
import { decodeEvidencePackage } from '../../../electron/chip/evidence/evidence-package.codec';
import type { ChipProgress } from '../../../electron/contract/chip-examination.contract';
import type { Examination } from '../../../electron/contract/examination.contract';
import { createReportHtml } from '../../../electron/report/report.service';
import { createServices, type Services } from '../../../electron/services/create-services';
import { createCardPki, saveCardPki } from '../../../electron/specimens/virtual-card/card-pki';
import { openStationStore } from '../../../electron/store';
import { CscaTrustStore } from '../../../electron/trust/csca-trust-store';
import { planTrustImport } from '../../../electron/trust/csca-import-plan';
import { PcscNamespace, pcscStackUnavailable } from '../../helpers/pcsc/pcsc-namespace';
import { VirtualCardProcess } from '../../helpers/pcsc/virtual-card-process';
import { loupeInProcess } from '../../helpers/loupe-in-process';
import { useTempDir } from '../../helpers/temp-dir';

const SKIP = pcscStackUnavailable();
const SPECIMEN = 'spc-9303-0000';
const SPECIMEN_MRZ = (JSON.parse(readFileSync(join(import.meta.dirname, '../../../assets/specimens', `${SPECIMEN}.truth.json`), 'utf8')) as { mrz: { lines: string[] } }).mrz.lines;
const OFFICER = { name: 'Chip Examiner', badge: 'C-1' };

const layer = (exam: Examination, name: string) => exam.verdict.find((v) => v.layer === name)!;
const check = (exam: Examination, id: string) => exam.checks.find((c) => c.id === id)!;

(SKIP ? describe.skip : describe)(`the chip in the examination, through pcscd and vpcd${SKIP ? ` — skipped: ${SKIP}` : ''}`, () => {
  const dataDir = useTempDir('loupe-chip-exam-');
  const pkiDir = useTempDir('loupe-chip-exam-pki-');
  let ns: PcscNamespace;
  let services: Services;
  let card: VirtualCardProcess | undefined;
  const progress: ChipProgress[] = [];

  beforeAll(async () => {
    // The specimen is Philippine: its chip is signed under a CSCA of PH, imported into the trust store.
    const pki = createCardPki({ country: 'PH' });
    saveCardPki(pkiDir, pki);
    const store = openStationStore(dataDir);
    new CscaTrustStore(store).import(planTrustImport([{ name: 'csca.der', bytes: pki.csca.encoded }, { name: 'crl.der', bytes: pki.crl }], [], new Date()), 'test');
    store.close();
    ns = await PcscNamespace.start();
    services = await createServices({ dataDir, transport: 'host', imageBase: '/images/', reportBase: '/reports/', referenceBase: '/reference/', spawner: ns.spawner });
    services.events.on('chip:onProgress', (p) => progress.push(p));
    await services.invoke('session:signIn', OFFICER);
    await services.invoke('devices:configure', { id: 'virtual-scanner', settings: { specimen: SPECIMEN } });
  }, 60_000);

  afterEach(async () => {
    await card?.stop();
    card = undefined;
  });

  afterAll(async () => {
    await services?.close();
    await ns?.close();
  });

  async function pcscReady(): Promise<void> {
    for (let i = 0; i < 200; i++) {
      const list = (await services.invoke('devices:list', {})) as { id: string; state: string }[];
      if (list.find((d) => d.id === 'pcsc')?.state === 'connected') return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('the PC/SC driver did not see the reader');
  }

  async function cardOnReader(args: readonly string[]): Promise<void> {
    card = await VirtualCardProcess.start(ns, ['--pki', pkiDir, '--mrz', SPECIMEN_MRZ.join('/'), ...args]);
    await pcscReady();
    // pcscd notices a card by polling (about 400 ms); the scan's OCR takes longer than that anyway.
    await new Promise((r) => setTimeout(r, 600));
  }

  /** Scans the specimen and waits until the chip reading it started has ended (done or not read). */
  async function examine(): Promise<{ exam: Examination; events: ChipProgress[] }> {
    const first = progress.length;
    const scanned = (await services.invoke('examination:scan', { deviceId: 'virtual-scanner' })) as Examination;
    const until = Date.now() + 60_000;
    while (!progress.slice(first).some((p) => p.examinationId === scanned.id && (p.phase === 'done' || p.phase === 'not-read'))) {
      if (Date.now() > until) throw new Error(`the chip reading did not end: ${JSON.stringify(progress.slice(first).slice(-3))}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const exam = (await services.invoke('examination:get', { id: scanned.id })) as Examination;
    return { exam, events: progress.slice(first).filter((p) => p.examinationId === scanned.id) };
  }

  it('standard card: read from the MRZ with PACE, both chip layers pass, evidence kept, the chip portrait compared', async () => {
    await cardOnReader(['--profile', 'standard']);
    const { exam, events } = await examine();
    expect(exam.mrz?.valid).toBe(true);
    const chip = exam.chip!;
    expect(chip.state).toBe('read');
    expect(chip.keySource).toBe('mrz-reading');
    expect(chip.reading!.access).toMatchObject({ protocol: 'PACE', reason: 'pace-offered' });
    expect(chip.reading!.passiveAuthentication.outcome).toBe('trusted');
    expect(chip.signerState).toBe('PHL');
    expect(chip.reading!.cloneChecks.map((c) => [c.method, c.status, c.counts])).toEqual([
      ['active-authentication', 'succeeded', true],
      ['chip-authentication', 'succeeded', true],
    ]);
    expect(layer(exam, 'issuer-signature').status).toBe('pass');
    expect(layer(exam, 'chip-genuineness').status).toBe('pass');
    expect(check(exam, 'chip.dg1-mrz').status).toBe('pass');
    expect(check(exam, 'chip.signer-state').status).toBe('pass');
    // Progress file by file, in order (EF.CardAccess is read in the clear before access, without progress).
    const files = [...new Set(events.filter((e) => e.phase === 'reading').map((e) => e.file))];
    expect(files).toEqual(['CardSecurity', 'COM', 'SOD', 'DG1', 'DG2', 'DG14', 'DG15']);
    expect(events.map((e) => e.phase)).toEqual(expect.arrayContaining(['waiting', 'reading', 'authenticating', 'verifying', 'portrait', 'done']));
    // The evidence package: private to the station, signed, holding the raw files.
    const path = join(dataDir, 'chip-evidence', chip.evidence!.fileName);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const decoded = decodeEvidencePackage(readFileSync(path));
    expect([...decoded.evidence.files.keys()].sort()).toEqual(['COM', 'CardAccess', 'CardSecurity', 'DG1', 'DG14', 'DG15', 'DG2', 'SOD']);
    const exported = (await services.invoke('chip:exportEvidence', { id: exam.id })) as { base64: string };
    expect(Buffer.from(exported.base64, 'base64').equals(readFileSync(path))).toBe(true);
    // `loupe chip verify` at this station (its own key, its own trust store): trusted, both proofs count.
    const verified = await loupeInProcess('chip', 'verify', path, '--data', dataDir, '--json');
    expect(verified.code, verified.stderr).toBe(0);
    const { check: evidenceCheck } = JSON.parse(verified.stdout) as { check: EvidenceCheck };
    expect(evidenceCheck.verification.passiveAuthentication.outcome).toBe('trusted');
    expect(evidenceCheck.verification.access).toMatchObject({ protocol: 'PACE', reason: 'pace-offered' });
    expect(evidenceCheck.verification.cloneChecks.map((c) => [c.method, c.recheck, c.counts])).toEqual([['active-authentication', 'succeeded', true], ['chip-authentication', 'succeeded', true]]);
    // The report's chip section: protocol, chain, hashes, clone checks, the chip portrait, the package.
    const html = await createReportHtml(exam, { station: 'test station', imagePath: (h) => services.imagePath(h) });
    expect(html).toContain("Chip (eMRTD)");
    expect(html).toContain('PACE (pace-offered)');
    expect(html).toContain('CSCA Utopia (specimen)');
    expect(html).toMatch(/<td>DG1<\/td><td class="hash">[0-9A-F]{64}<\/td><td class="">matches<\/td>/);
    expect(html).toContain('chip-authentication (DG14');
    expect(html).toMatch(/<img src="data:image\/png;base64,[^"]+" alt="Chip portrait \(DG2, JPEG/);
    expect(html).toContain(chip.evidence!.sha256);
    // The DG2 portrait joined the face comparison (the chip's face is synthetic: no face is expected in it).
    expect(exam.face?.portraits.map((p) => p.kind)).toContain('chip');
    expect(exam.face!.portraits.find((p) => p.kind === 'chip')!.sourceHash).toBe(chip.reading!.faces[0]!.imageHash);
  }, 120_000);

  it('wrong-dg-hash: the issuer signature fails naming DG1, and DG1 differs from the printed MRZ in the name', async () => {
    await cardOnReader(['--profile', 'wrong-dg-hash']);
    const { exam } = await examine();
    const pa = check(exam, 'chip.passive-authentication');
    expect(pa.status).toBe('fail');
    expect(pa.measured).toContain('hashes differ: DG1');
    expect(pa.evidence.map((e) => e.note)).toContain('DG1: hash does not match EF.SOD');
    expect(layer(exam, 'issuer-signature').status).toBe('fail');
    const dg1 = check(exam, 'chip.dg1-mrz');
    expect(dg1.status).toBe('fail');
    expect(dg1.measured).toBe('differs in: Surname');
    expect(dg1.evidence[0]).toMatchObject({ mrz: { line: 0, start: 5 }, note: expect.stringMatching(/^Surname: chip "PKAFOR", printed "OKAFOR"$/) });
    // The proofs succeed but do not count: passive authentication did not hold.
    expect(check(exam, 'chip.genuineness').status).toBe('not-performed');
  }, 120_000);

  it('clone: the data is trusted, but the chip cannot prove its keys — chip genuineness fails', async () => {
    await cardOnReader(['--profile', 'clone']);
    const { exam } = await examine();
    expect(layer(exam, 'issuer-signature').status).toBe('pass');
    const genuineness = check(exam, 'chip.genuineness');
    expect(genuineness.status).toBe('fail');
    expect(genuineness.explanation).toContain('clone');
    expect(layer(exam, 'chip-genuineness').status).toBe('fail');
  }, 120_000);

  it('unknown signer: the issuer signature says issuer unknown', async () => {
    await cardOnReader(['--profile', 'unknown-signer']);
    const { exam } = await examine();
    expect(exam.chip!.reading!.passiveAuthentication.outcome).toBe('issuer-unknown');
    const pa = check(exam, 'chip.passive-authentication');
    expect(pa.status).toBe('warn');
    expect(pa.measured).toContain('issuer unknown');
    expect(layer(exam, 'issuer-signature').status).not.toBe('pass');
  }, 120_000);

  it('BAC only, and a document lifted mid-read: the reading resumes when it is put back', async () => {
    await cardOnReader(['--profile', 'bac']);
    // Lifted in the middle of a later command (during DG2), put back a moment later.
    await card!.removeAfterApdus(12);
    const first = progress.length;
    const putBack = (async () => {
      const until = Date.now() + 30_000;
      while (!progress.slice(first).some((p) => p.phase === 'interrupted') && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, 300));
      await card!.insert();
    })();
    const { exam, events } = await examine();
    await putBack;
    expect(events.find((e) => e.phase === 'interrupted')?.error?.kind).toBe('CardRemoved');
    expect(exam.chip!.state).toBe('read');
    expect(exam.chip!.resumptions).toBeGreaterThanOrEqual(1);
    expect(exam.chip!.reading!.access).toMatchObject({ protocol: 'BAC', reason: 'no-card-access' });
    expect(layer(exam, 'issuer-signature').status).toBe('pass');
  }, 120_000);

  it('no document on the reader: the chip layers are not performed, saying so', async () => {
    card = await VirtualCardProcess.start(ns, ['--pki', pkiDir, '--mrz', SPECIMEN_MRZ.join('/'), '--removed']);
    await pcscReady();
    const { exam } = await examine();
    expect(exam.chip).toMatchObject({ state: 'not-read', reason: 'no-document' });
    expect(layer(exam, 'issuer-signature').status).toBe('not-performed');
    expect(check(exam, 'chip.passive-authentication').explanation).toContain('No document was on the chip reader');
  }, 120_000);

  it('no chip reader (pcscd gone): the chip layers say so, and no reading is attempted', async () => {
    await ns.stopPcscd();
    for (let i = 0; i < 100; i++) {
      const list = (await services.invoke('devices:list', {})) as { id: string; state: string }[];
      if (list.find((d) => d.id === 'pcsc')?.state !== 'connected') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const first = progress.length;
    const exam = (await services.invoke('examination:scan', { deviceId: 'virtual-scanner' })) as Examination;
    expect(exam.chip).toBeUndefined();
    expect(layer(exam, 'issuer-signature')).toMatchObject({ status: 'not-performed', summary: expect.stringContaining('No chip reader is connected to this station.') });
    expect(layer(exam, 'chip-genuineness').status).toBe('not-performed');
    await new Promise((r) => setTimeout(r, 300));
    expect(progress.slice(first)).toEqual([]);
    await ns.startPcscd();
  }, 120_000);
});
