// npm run bench:chip — reading an eMRTD chip through the whole stack, as the station does it:
// ChipReader → BridgeApduTransport → device bridge process → PC/SC driver → pcscd → vpcd → the
// virtual card tool's chip, in a private network and mount namespace (test/helpers/pcsc). Measures
// connecting and reading EF.CardAccess, access control, EF.COM, DG1, DG2 (a JPEG face of about
// 20 KB) and EF.SOD — with BAC and with PACE, standard (223-byte) and extended-length reads — then
// passive authentication of what was read; and passive authentication alone against a trust store
// of more than 500 CSCAs (synthetic, made here). Progress on stderr, one JSON line last on stdout.
//
// Targets: full read + passive authentication ≤ 1.5 s; passive authentication alone ≤ 50 ms.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { decodeRevocationList } from '../../electron/chip/pki/certificate-revocation-list';
import { verifyPassiveAuthentication } from '../../electron/chip/pki/passive-authentication';
import { indexTrustAnchors } from '../../electron/chip/pki/trust-anchors';
import type { Certificate } from '../../electron/chip/pki/x509-certificate';
import { ChipReader, type ChipReading } from '../../electron/chip/reader/chip-reader';
import { BridgeApduTransport } from '../../electron/devices/bridge-apdu-transport';
import { createCardPki, saveCardPki } from '../../electron/specimens/virtual-card/card-pki';
import { ERIKSSON, specimenPassport } from '../../electron/specimens/virtual-card/specimen-passport';
import { issueCertificate, makeKey, name, selfSigned, utc } from '../../electron/specimens/virtual-card/specimen-pki';
import { syntheticDg2 } from '../../electron/specimens/virtual-card/synthetic-portrait';
import { DeviceBridge } from '../../native/bridge-client';
import { PcscNamespace, pcscStackUnavailable } from '../helpers/pcsc/pcsc-namespace';
import { VirtualCardProcess } from '../helpers/pcsc/virtual-card-process';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '7' },
    cscas: { type: 'string', default: '520' },
    'dg2-bytes': { type: 'string', default: '20000' },
  },
});
const RUNS = Number(values.runs);
const CSCAS = Number(values.cscas);
const DG2_BYTES = Number(values['dg2-bytes']);
const READER = PcscNamespace.readerName(0);
const TARGET_READ_MS = 1500;
const TARGET_PA_MS = 50;

const log = (m: string) => process.stderr.write(`${m}\n`);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const stats = (xs: number[]) => ({ median: round(median(xs)), min: round(Math.min(...xs)), max: round(Math.max(...xs)) });

function dataGroups(reading: ChipReading): Map<number, Uint8Array> {
  return new Map([...reading.files].filter(([f]) => f.startsWith('DG')).map(([f, b]) => [Number(f.slice(2)), b]));
}

async function cardOn(bridge: DeviceBridge): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if ((await bridge.chipReaders()).some((r) => r.name === READER && r.cardPresent)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the virtual card did not reach the reader');
}

async function main(): Promise<void> {
  const reason = pcscStackUnavailable();
  if (reason) {
    process.stdout.write(`${JSON.stringify({ bench: 'chip', error: `the isolated PC/SC stack cannot run here: ${reason}` })}\n`);
    process.exitCode = 1;
    return;
  }
  const loadBefore = loadavg()[0]!;
  const pkiDir = mkdtempSync(join(tmpdir(), 'loupe-bench-chip-'));
  const pki = createCardPki();
  saveCardPki(pkiDir, pki);
  const crls = [decodeRevocationList(pki.crl)];
  const ns = await PcscNamespace.start();
  let bridge: DeviceBridge | undefined;
  const reads: Record<string, unknown>[] = [];
  let lastSod: { sod: Uint8Array; groups: Map<number, Uint8Array> } | undefined;
  try {
    bridge = await DeviceBridge.start({
      spawner: ns.spawner,
      settings: { load: () => undefined, save: () => undefined },
      specimensDir: resolve('assets/specimens'),
      captureDir: join(pkiDir, 'captures'),
    });
    const anchors = indexTrustAnchors([pki.csca]);
    for (const access of ['bac', 'pace'] as const) {
      for (const extended of [false, true]) {
        const label = `${access.toUpperCase()} ${extended ? 'extended' : 'standard'}`;
        const card = await VirtualCardProcess.start(ns, ['--pki', pkiDir, '--profile', access, '--dg2-bytes', String(DG2_BYTES), ...(extended ? ['--extended-length'] : [])]);
        try {
          await cardOn(bridge);
          const connect: number[] = [];
          const read: number[] = [];
          const pa: number[] = [];
          const total: number[] = [];
          let counters = { apdus: 0, commandBytes: 0, responseBytes: 0 };
          let extendedUsed = false;
          // One warm-up run (tsx compiles, JIT warms up, pcscd's first connection), then RUNS measured.
          for (let run = 0; run <= RUNS; run++) {
            const t0 = performance.now();
            const transport = await BridgeApduTransport.open(bridge, READER);
            const t1 = performance.now();
            const reading = await new ChipReader({ key: ERIKSSON, atr: transport.atr, dataGroups: ['DG1', 'DG2'] }).read(transport);
            const t2 = performance.now();
            const groups = dataGroups(reading);
            const check = verifyPassiveAuthentication({ sod: reading.files.get('SOD')!, dataGroups: groups, anchors, crls, at: new Date() });
            const t3 = performance.now();
            await transport.close();
            if (check.outcome !== 'trusted') throw new Error(`${label}: passive authentication said ${check.outcome}`);
            if (run === 0) continue;
            connect.push(t1 - t0);
            read.push(t2 - t1);
            pa.push(t3 - t2);
            total.push(t3 - t0);
            counters = transport.counters;
            extendedUsed = reading.extendedLength.used;
            lastSod = { sod: reading.files.get('SOD')!, groups };
            if (run === RUNS) {
              const sizes = Object.fromEntries([...reading.files].map(([f, b]) => [f, b.length]));
              reads.push({ label, access: reading.access.protocol, extendedLength: extendedUsed, files: sizes, apdus: counters.apdus, commandBytes: counters.commandBytes, responseBytes: counters.responseBytes, connectMs: stats(connect), readMs: stats(read), passiveAuthMs: stats(pa), totalMs: stats(total), withinTarget: median(total) <= TARGET_READ_MS });
            }
          }
          log(`${label}: total median ${round(median(total))} ms (read ${round(median(read))} ms, ${counters.apdus} APDUs, ${counters.responseBytes} bytes back)`);
        } finally {
          await card.stop();
        }
      }
    }
  } finally {
    await bridge?.close();
    await ns.close();
    rmSync(pkiDir, { recursive: true, force: true });
  }

  // Passive authentication alone, against a store of CSCAs the size of a national master list.
  log(`making ${CSCAS} synthetic CSCAs`);
  const store: Certificate[] = [];
  for (let i = 0; i < CSCAS; i++) {
    store.push(selfSigned(name({ C: 'XX', O: `Synthetic ${i}`, CN: `CSCA ${i}` }), makeKey('p256'), BigInt(1000 + i), utc(2015, 1, 1), utc(2045, 1, 1)));
  }
  // Besides the card's P-256 CSCA: issuers with Brainpool (explicit parameters, pure JavaScript) and RSA.
  const dg2 = await syntheticDg2(DG2_BYTES);
  const issuers = (['brainpoolP256r1', 'rsa2048'] as const).map((kind, i) => {
    const cscaKey = makeKey(kind);
    const csca = selfSigned(name({ C: 'UT', O: 'Utopia', CN: `CSCA ${kind}` }), cscaKey, BigInt(10 + i), utc(2020, 1, 1), utc(2040, 1, 1));
    const key = makeKey(kind);
    const certificate = issueCertificate({ subject: name({ C: 'UT', CN: `DS ${kind}` }), issuer: csca.subject.encoded, subjectKey: key, issuerKey: cscaKey, serial: BigInt(100 + i), notBefore: utc(2024, 1, 1), notAfter: utc(2036, 1, 1), ca: false });
    const { config } = specimenPassport({ signer: { certificate, key }, dg2 });
    return { kind, csca, sod: config.files.SOD!, groups: new Map([[1, config.files.DG1!], [2, config.files.DG2!]]) };
  });
  store.splice(Math.floor(CSCAS / 3), 0, pki.csca);
  for (const issuer of issuers) store.splice(Math.floor(store.length / 2), 0, issuer.csca);
  const ti = performance.now();
  const anchors = indexTrustAnchors(store);
  const indexMs = performance.now() - ti;
  const cases = [{ kind: 'p256 (the virtual card\'s)', sod: lastSod!.sod, groups: lastSod!.groups }, ...issuers];
  const verify: Record<string, ReturnType<typeof stats>> = {};
  for (const c of cases) {
    const times: number[] = [];
    for (let i = 0; i < 60; i++) {
      const t = performance.now();
      const check = verifyPassiveAuthentication({ sod: c.sod, dataGroups: c.groups, anchors, crls, at: new Date() });
      times.push(performance.now() - t);
      if (check.outcome !== 'trusted') throw new Error(`passive authentication (${c.kind}) against the store said ${check.outcome}`);
    }
    // The first runs warm the JIT up.
    verify[c.kind] = stats(times.slice(10));
    log(`passive authentication (${c.kind}) against ${store.length} CSCAs: median ${verify[c.kind]!.median} ms`);
  }
  const passiveAuthentication = {
    trustStore: store.length,
    note: 'CSCA and document signer of the same algorithm; SHA-256 hashes of DG1 and a 20 KB DG2',
    indexMs: round(indexMs),
    verifyMs: verify,
    withinTarget: Object.values(verify).every((v) => v.median <= TARGET_PA_MS),
  };
  process.stdout.write(
    `${JSON.stringify({
      bench: 'chip',
      stack: 'ChipReader → BridgeApduTransport → bridge process → PC/SC driver (smartcard) → pcscd → vpcd → virtual card',
      runs: RUNS,
      dg2Bytes: DG2_BYTES,
      targets: { readAndVerifyMs: TARGET_READ_MS, passiveAuthMs: TARGET_PA_MS },
      load: { before: round(loadBefore, 2), after: round(loadavg()[0]!, 2) },
      reads,
      passiveAuthentication,
    })}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:chip failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
