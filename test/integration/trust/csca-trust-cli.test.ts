// `loupe trust import|list --for csca|health`: the CSCA trust store from files made at test time.
// A master list is imported only under the root that certified its signer, whole or not at all;
// certificates are held once with every source; a CRL is held only when a CSCA held signed it, and
// only when newer than the one held; bad files exit 2 with one plain line and store nothing; every
// import is in the audit log; the index for passive authentication follows the store, also when
// another connection changed it. A list of 1,200 CSCAs is imported, and the time it took printed.
import { appendFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import type { CrlEntry, CscaEntry, TrustHealth } from '../../../electron/contract/csca-trust.contract';
import { openStationStore } from '../../../electron/store';
import { CscaTrustStore, type FileImportResult } from '../../../electron/trust/csca-trust-store';
import { planTrustImport } from '../../../electron/trust/csca-import-plan';
import { csca, crlOf, linkCertificate, masterList, pem, put, signerUnder, sodOver } from '../../helpers/chip/csca-fixtures';
import { makeKey, utc, type KeyKind } from '../../helpers/chip/test-pki';
import { loupeInProcess } from '../../helpers/loupe-in-process';
import { useTempDir } from '../../helpers/temp-dir';

const dir = useTempDir('loupe-csca-cli-');

const root = csca({ country: 'DE', cn: 'CSCA Germany' });
const listSigner = signerUnder(root, { cn: 'Master List Signer', serial: 7n });
const france = csca({ country: 'FR' });
const serbia = csca({ country: 'RS', notAfter: utc(2025, 6, 1) });
const rootFile = put(dir, 'root.pem', pem('CERTIFICATE', root.certificate.encoded));

async function trust(data: string, ...args: string[]) {
  return loupeInProcess('trust', ...args, '--data', data, '--actor', 'expert-3');
}

async function json<T>(data: string, ...args: string[]): Promise<T> {
  const run = await trust(data, ...args, '--json');
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as T;
}

function withStore<T>(data: string, f: (store: CscaTrustStore, audit: () => { action: string; subject: string | null; details: Record<string, unknown> | null }[]) => T): T {
  const station = openStationStore(data);
  try {
    return f(new CscaTrustStore(station), () => station.auditLog(1000).map((e) => ({ action: e.action, subject: e.subject, details: e.details as Record<string, unknown> | null })));
  } finally {
    station.close();
  }
}

describe('loupe trust import', () => {
  it('imports a master list under its root, certificates and link certificates, and lists where each came from', async () => {
    const data = join(dir, 'station');
    const list = put(dir, 'germany.ml', masterList(listSigner, [root.certificate, france.certificate, serbia.certificate]));
    const first = await json<{ imported: FileImportResult[] }>(data, 'import', list, '--signer', rootFile);
    expect(first.imported).toEqual([expect.objectContaining({ file: 'germany.ml', kind: 'master-list', signer: 'C=DE, CN=Master List Signer', certificates: 3, added: 3, alreadyHeld: 0, leftOut: [] })]);

    // The same list again, and the French CSCA from a file of its own: held once, with every source.
    const franceFile = put(dir, 'france.der', france.certificate.encoded);
    const nextKey = csca({ country: 'FR', cn: 'CSCA FR', serial: 2n, notBefore: utc(2024, 1, 1) });
    const link = linkCertificate(france, nextKey, 3n);
    const linkFile = put(dir, 'france-link.pem', pem('CERTIFICATE', link.encoded) + pem('CERTIFICATE', nextKey.certificate.encoded));
    const again = await json<{ imported: FileImportResult[] }>(data, 'import', list, franceFile, linkFile, '--signer', rootFile);
    expect(again.imported.map((r) => [r.file, r.kind, r.added, r.alreadyHeld])).toEqual([['germany.ml', 'master-list', 0, 3], ['france.der', 'certificate', 0, 1], ['france-link.pem', 'certificate', 2, 0]]);

    const listed = await json<{ certificates: CscaEntry[]; crls: CrlEntry[] }>(data, 'list', '--for', 'csca');
    expect(listed.certificates.map((c) => [c.state, c.subject, c.serial, c.link, c.sources.length])).toEqual([
      ['D', 'C=DE, O=State DE, CN=CSCA Germany', '01', false, 2],
      ['FRA', 'C=FR, O=State FR, CN=CSCA FR', '01', false, 3],
      ['FRA', 'C=FR, O=State FR, CN=CSCA FR', '02', false, 1],
      ['FRA', 'C=FR, O=State FR, CN=CSCA FR', '03', true, 1],
      ['SRB', 'C=RS, O=State RS, CN=CSCA RS', '01', false, 2],
    ]);
    const germany = listed.certificates[0]!;
    expect(germany).toMatchObject({ country: 'DE', issuer: germany.subject, notBefore: '2020-01-01T00:00:00.000Z', notAfter: '2040-01-01T00:00:00.000Z' });
    expect(germany.sources[0]).toEqual({ kind: 'master-list', file: 'germany.ml', fileSha256: expect.stringMatching(/^[0-9a-f]{64}$/), signer: 'C=DE, CN=Master List Signer', importedAt: expect.any(String), importedBy: 'expert-3' });
    expect(listed.certificates[1]!.sources.map((s) => `${s.kind}:${s.file}`)).toEqual(['master-list:germany.ml', 'master-list:germany.ml', 'certificate:france.der']);

    const human = await trust(data, 'list', '--for', 'csca');
    expect(human.stdout).toMatch(/^D {4}C=DE, O=State DE, CN=CSCA Germany {2}serial 01 {2}2020-01-01 → 2040-01-01 {2}from master list germany\.ml \(signed by C=DE, CN=Master List Signer\), \S+ by expert-3 \(\+1 more\)$/m);
    expect(human.stdout).toMatch(/^FRA {2}C=FR, O=State FR, CN=CSCA FR {2}serial 03 .* link {2}from file france-link\.pem/m);
    expect((await trust(data, 'list')).stdout).toMatch(/CSCA trust store: 5 certificates, 0 CRLs \(loupe trust list --for csca\)/);

    withStore(data, (_store, audit) => {
      const imports = audit().filter((e) => e.action === 'trust.import').reverse();
      expect(imports.map((e) => `${e.subject}:${e.details?.kind}:${e.details?.added}:${e.details?.by}`)).toEqual([
        'germany.ml:master-list:3:expert-3', 'germany.ml:master-list:0:expert-3', 'france.der:certificate:0:expert-3', 'france-link.pem:certificate:2:expert-3',
      ]);
      expect(imports[0]!.details).toMatchObject({ signer: 'C=DE, CN=Master List Signer', from: 'command line', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    });
  });

  it('holds the newest CRL of a CSCA held, refuses one no CSCA held signed, and the index follows the store', async () => {
    const data = join(dir, 'crls');
    const rootDer = put(dir, 'root.der', root.certificate.encoded);
    const older = put(dir, 'de-1.crl', crlOf(root, [{ serial: 42n, date: utc(2025, 1, 1) }], utc(2025, 1, 1), utc(2025, 4, 1)));
    const newer = put(dir, 'de-2.crl', pem('X509 CRL', crlOf(root, [{ serial: 42n, date: utc(2025, 1, 1) }, { serial: 43n, date: utc(2025, 3, 1) }], utc(2025, 3, 1), utc(2099, 1, 1))));
    // Signed by a key that is not the CSCA's, under the CSCA's name.
    const forged = put(dir, 'forged.crl', crlOf({ key: makeKey('p256'), certificate: root.certificate }, [], utc(2026, 1, 1), utc(2099, 1, 1)));

    const station = openStationStore(data);
    const watcher = new CscaTrustStore(station);
    try {
      expect(watcher.trustIndex().anchors.certificates).toHaveLength(0);
      // A CRL before its CSCA: refused, and so is the whole import.
      const early = await trust(data, 'import', older);
      expect(early).toMatchObject({ code: 2, stderr: expect.stringMatching(/the CRL of C=DE, O=State DE, CN=CSCA Germany in '.*de-1\.crl' is signed by no CSCA held: import its CSCA first \(nothing was imported\)/) });
      // The CSCA and its CRL in one import: the CRL is checked against the CSCA coming with it.
      const both = await json<{ imported: FileImportResult[] }>(data, 'import', rootDer, newer);
      expect(both.imported[1]!.crls).toEqual([{ issuer: 'C=DE, O=State DE, CN=CSCA Germany', thisUpdate: '2025-03-01T00:00:00.000Z', nextUpdate: '2099-01-01T00:00:00.000Z', revoked: 2, fate: 'new' }]);
      // Another connection (another process) changed the store: the index is built again.
      const index = watcher.trustIndex();
      expect(index.anchors.certificates.map((c) => c.subject.text)).toEqual(['C=DE, O=State DE, CN=CSCA Germany']);
      expect(index.crls.map((c) => c.revoked.size)).toEqual([2]);
      expect(watcher.trustIndex()).toBe(index);

      const stale = await json<{ imported: FileImportResult[] }>(data, 'import', older, newer);
      expect(stale.imported.flatMap((r) => r.crls.map((c) => c.fate))).toEqual(['older-than-held', 'already-held']);
      const refused = await trust(data, 'import', forged);
      expect(refused).toMatchObject({ code: 2, stderr: expect.stringMatching(/is signed by no CSCA held/) });
      expect(watcher.crls().map((c) => [c.thisUpdate, c.source.file])).toEqual([['2025-03-01T00:00:00.000Z', 'de-2.crl']]);
    } finally {
      station.close();
    }
  });

  it('refuses bad files with exit code 2 and one plain line, and stores nothing of the import', async () => {
    const data = join(dir, 'refusals');
    const good = put(dir, 'good.pem', pem('CERTIFICATE', france.certificate.encoded));
    const listBytes = masterList(listSigner, [root.certificate, france.certificate]);
    const altered = new Uint8Array(listBytes);
    altered[Buffer.from(altered).indexOf(Buffer.from('State FR')) + 6] = 0x58;
    const otherRoot = put(dir, 'other-root.der', csca({ country: 'DE', cn: 'CSCA Germany' }).certificate.encoded);
    const ds = signerUnder(france);
    const sod = sodOver(ds, new Map([[1, new Uint8Array([0x61, 0x01, 0x00])]]));
    const truncated = france.certificate.encoded.subarray(0, 200);
    const huge = join(dir, 'huge.ml');
    writeFileSync(huge, Buffer.alloc(0));
    for (let i = 0; i < 17; i++) appendFileSync(huge, Buffer.alloc(1024 * 1024, 0x30));
    const cases: [string[], RegExp][] = [
      [[put(dir, 'list.ml', listBytes)], /'.*list\.ml' is a master list: give the CSCA certificate that certified its signer with --signer ROOT/],
      [[put(dir, 'list2.ml', listBytes), '--signer', otherRoot], /the master list '.*list2\.ml' is refused whole: The master list signer is not certified by a given CSCA/],
      [[put(dir, 'altered.ml', altered), '--signer', rootFile], /the master list '.*altered\.ml' is refused whole: The master list signature does not verify/],
      [[put(dir, 'list3.ml', listBytes), '--signer', put(dir, 'not-a-root.crl', crlOf(root, [], utc(2025, 1, 1), utc(2026, 1, 1)))], /--signer '.*not-a-root\.crl' is a CRL, not the CSCA certificate/],
      [[put(dir, 'ds.der', ds.certificate.encoded)], /holds a certificate that is not a CA certificate \(C=FR, CN=Document Signer, serial 2A; a document signer\?\)/],
      [[put(dir, 'EF_SOD.bin', sod)], /is a document security object \(EF\.SOD\), not trust material: check it with loupe chip sod/],
      [[put(dir, 'truncated.der', truncated)], /'.*truncated\.der' is not a CSCA master list, a certificate or a CRL: the data ends before the structure does/],
      [[put(dir, 'noise.bin', new Uint8Array(4096).map((_, i) => (i * 37 + 11) & 0xff))], /'.*noise\.bin' is not a CSCA master list, a certificate or a CRL/],
      [[put(dir, 'damaged.pem', pem('CERTIFICATE', france.certificate.encoded).replace(/\n(.)/, '\n*'))], /holds a PEM block 'CERTIFICATE' whose base64 is damaged/],
      [[put(dir, 'key.pem', '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n')], /holds a PEM block of type 'PRIVATE KEY', not a certificate, a CRL or a master list/],
      [[put(dir, 'pkd.ldif', 'version: 1\n\ndn: cn=x\n')], /is an LDIF file \(an ICAO PKD download\)/],
      [[put(dir, 'empty.der', '')], /the trust file '.*empty\.der' is empty/],
      [[huge], /the trust file '.*huge\.ml' is too large \(17825792 bytes; at most 16777216\)/],
      [[dir], /is a folder, not a file/],
      [[], /usage: loupe trust import FILE/],
      [['--signer', rootFile], /usage: loupe trust import FILE/],
    ];
    for (const [args, message] of cases) {
      // The good file first: one bad file refuses the import, the good one is not stored either.
      const run = await trust(data, 'import', ...(args.length > 0 && !args[0]!.startsWith('--') ? [good, ...args] : args));
      expect({ args: args.map((a) => a.replace(dir, '')), code: run.code, stdout: run.stdout }).toEqual({ args: args.map((a) => a.replace(dir, '')), code: 2, stdout: '' });
      expect(run.stderr).toMatch(message);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).not.toMatch(/internal error/);
    }
    expect((await trust(data, 'list', '--for', 'chips')).stderr).toMatch(/--for is reference, trends or csca, not 'chips'/);
    expect((await trust(data, 'list', '--signer', rootFile)).stderr).toMatch(/--signer is an option of loupe trust import/);
    withStore(data, (store, audit) => {
      expect(store.counts()).toEqual({ certificates: 0, crls: 0 });
      expect(store.generation()).toBe(0);
      expect(audit().filter((e) => e.action === 'trust.import')).toEqual([]);
    });
  });

  it('imports a master list of 1,200 CSCAs in reasonable time (measured), once', async () => {
    const data = join(dir, 'large');
    const kinds: KeyKind[] = ['p256', 'p256', 'rsa2048', 'brainpoolP256r1', 'p256'];
    const pool = kinds.map(makeKey);
    const states = ['AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE', 'RS', 'US', 'JP', 'BR'];
    const cscas = Array.from({ length: 1200 }, (_, i) =>
      csca({ country: states[i % states.length]!, cn: `CSCA ${i}`, serial: BigInt(i + 1), key: pool[i % pool.length]!, notBefore: utc(2015 + (i % 8), 1, 1), notAfter: utc(2024 + (i % 16), 1, 1) }).certificate,
    );
    const file = put(dir, 'large.ml', masterList(listSigner, cscas));
    const t0 = performance.now();
    const run = await json<{ imported: FileImportResult[] }>(data, 'import', file, '--signer', rootFile);
    const importMs = performance.now() - t0;
    expect(run.imported[0]).toMatchObject({ certificates: 1200, added: 1200 });
    const t1 = performance.now();
    const health = await json<{ health: TrustHealth }>(data, 'health');
    const healthMs = performance.now() - t1;
    expect(health.health.totals).toEqual({ certificates: 1200, states: 30, crls: 0, unknownCountry: 0 });
    const t2 = performance.now();
    const again = await json<{ imported: FileImportResult[] }>(data, 'import', file, '--signer', rootFile);
    const againMs = performance.now() - t2;
    expect(again.imported[0]).toMatchObject({ added: 0, alreadyHeld: 1200 });
    withStore(data, (store) => {
      const t3 = performance.now();
      expect(store.trustIndex().anchors.certificates).toHaveLength(1200);
      console.log(`master list of 1200 CSCAs (${statSync(file).size} bytes): import ${importMs.toFixed(0)} ms, again ${againMs.toFixed(0)} ms, health ${healthMs.toFixed(0)} ms, index ${(performance.now() - t3).toFixed(0)} ms`);
    });
    // Generous bound on a shared 2-core machine: the figures above are what counts.
    expect(importMs).toBeLessThan(30_000);
  });
});

describe('an import plan', () => {
  it('reads every file and verifies every list before the store is touched', () => {
    const list = masterList(listSigner, [france.certificate]);
    expect(() => planTrustImport([{ name: 'ok.ml', bytes: list }, { name: 'bad.der', bytes: new Uint8Array([0x30, 0x03, 0x02, 0x01]) }], [root.certificate], utc(2026, 1, 1))).toThrow(/'bad\.der' is not a CSCA master list, a certificate or a CRL/);
    const plan = planTrustImport([{ name: '/media/usb/ok.ml', bytes: list }], [root.certificate], utc(2026, 1, 1));
    expect(plan[0]).toMatchObject({ fileName: 'ok.ml', kind: 'master-list', signer: 'C=DE, CN=Master List Signer' });
  });

  it('leaves out of a verified master list what cannot anchor a chain, and says so', () => {
    const ds = signerUnder(france, { serial: 0x99n });
    const [planned] = planTrustImport([{ name: 'mixed.ml', bytes: masterList(listSigner, [france.certificate, ds.certificate]) }], [root.certificate], utc(2026, 1, 1));
    expect(planned!.certificates.map((c) => c.subject.text)).toEqual(['C=FR, O=State FR, CN=CSCA FR']);
    expect(planned!.leftOut).toEqual(['not a CA certificate: C=FR, CN=Document Signer, serial 99']);
  });
});
