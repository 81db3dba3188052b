// Shared set-up of the PC/SC stack tests: a private pcscd with vpcd (test/helpers/pcsc), the device
// bridge forked into the same namespaces, specimen cards from the virtual card tool signed by a PKI
// made for the test file, and passive authentication against that PKI's CSCA. Skipped, saying why,
// where the namespaces cannot be made.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe } from 'vitest';
import { decodeRevocationList } from '../../../electron/chip/pki/certificate-revocation-list';
import { verifyPassiveAuthentication, type PassiveAuthentication } from '../../../electron/chip/pki/passive-authentication';
import { indexTrustAnchors } from '../../../electron/chip/pki/trust-anchors';
import type { ChipReading } from '../../../electron/chip/reader/chip-reader';
import type { DeviceStatus } from '../../../electron/contract/device.contract';
import { createCardPki, saveCardPki, type CardPki } from '../../../electron/specimens/virtual-card/card-pki';
import { DeviceBridge, type ChipReaderEvent } from '../../../native/bridge-client';
import { PcscNamespace, pcscStackUnavailable } from '../../helpers/pcsc/pcsc-namespace';
import { VirtualCardProcess } from '../../helpers/pcsc/virtual-card-process';
import { MemorySettings } from './bridge-fixture';

export const PCSC_SKIP = pcscStackUnavailable();
export const READER = PcscNamespace.readerName(0);
export const SECOND_READER = PcscNamespace.readerName(1);

/** `describe`, or a skipped one whose title says why the stack cannot run here. */
export function describePcsc(title: string, body: () => void): void {
  if (PCSC_SKIP) {
    describe.skip(`${title} — skipped: ${PCSC_SKIP}`, body);
    return;
  }
  describe(title, body);
}

export interface PcscStack {
  ns: PcscNamespace;
  bridge: DeviceBridge;
  pki: CardPki;
  pkiDir: string;
  events: ChipReaderEvent[];
  /** Starts a card of the virtual card tool (arguments as `loupe virtual-card`'s) on a slot, stopped after the file. */
  card(args: readonly string[], slot?: 0 | 1): Promise<VirtualCardProcess>;
}

/** The stack for one test file: set up before its tests, taken down after them. */
export function usePcscStack(options: { restartDelaysMs?: readonly number[] } = {}): PcscStack {
  const stack = { events: [] as ChipReaderEvent[] } as unknown as PcscStack;
  const cards: VirtualCardProcess[] = [];
  beforeAll(async () => {
    stack.pkiDir = mkdtempSync(join(tmpdir(), 'loupe-card-pki-'));
    stack.pki = createCardPki();
    saveCardPki(stack.pkiDir, stack.pki);
    stack.ns = await PcscNamespace.start();
    stack.bridge = await DeviceBridge.start({
      spawner: stack.ns.spawner,
      settings: new MemorySettings(),
      specimensDir: resolve(import.meta.dirname, '../../../assets/specimens'),
      captureDir: mkdtempSync(join(tmpdir(), 'loupe-pcsc-capture-')),
      restartDelaysMs: options.restartDelaysMs ?? [100],
    });
    stack.bridge.on('chip-reader', (e) => stack.events.push(e));
    stack.card = async (args, slot = 0) => {
      const card = await VirtualCardProcess.start(stack.ns, ['--pki', stack.pkiDir, '--slot', String(slot), ...args]);
      cards.push(card);
      return card;
    };
  });
  afterAll(async () => {
    await Promise.all(cards.map((c) => c.stop()));
    await stack.bridge?.close();
    await stack.ns?.close();
    if (stack.pkiDir) rmSync(stack.pkiDir, { recursive: true, force: true });
  });
  return stack;
}

/** Resolves with the first chip-reader event matching `predicate` from now on (or among `since`). */
export function nextChipEvent(stack: PcscStack, predicate: (e: ChipReaderEvent) => boolean, timeoutMs = 10_000): Promise<ChipReaderEvent> {
  return new Promise((resolveEvent, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no such chip-reader event; seen: ${JSON.stringify(stack.events.slice(-10))}`));
    }, timeoutMs);
    const off = stack.bridge.on('chip-reader', (e) => {
      if (!predicate(e)) return;
      clearTimeout(timer);
      off();
      resolveEvent(e);
    });
  });
}

export function pcscStatus(stack: PcscStack): DeviceStatus | undefined {
  return stack.bridge.list().find((d) => d.id === 'pcsc');
}

/** Waits until the driver sees a document on `reader` (the card peer connects to vpcd first; pcscd polls presence). */
export async function cardOn(stack: PcscStack, reader = READER, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (stack.bridge.isReady) {
      const readers = await stack.bridge.chipReaders().catch(() => []);
      if (readers.some((r) => r.name === reader && r.cardPresent)) return;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no document on ${reader}`);
}

export function dataGroupsOf(reading: ChipReading): Map<number, Uint8Array> {
  return new Map([...reading.files].filter(([f]) => f.startsWith('DG')).map(([f, b]) => [Number(f.slice(2)), b]));
}

/** Passive authentication of what was read against the test PKI's CSCA (and its CRL). */
export function passiveAuthentication(stack: PcscStack, reading: ChipReading): PassiveAuthentication {
  return verifyPassiveAuthentication({
    sod: reading.files.get('SOD')!,
    dataGroups: dataGroupsOf(reading),
    anchors: indexTrustAnchors([stack.pki.csca]),
    crls: [decodeRevocationList(stack.pki.crl)],
    at: new Date(),
  });
}
