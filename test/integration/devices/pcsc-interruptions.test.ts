// Readings that do not go straight through, on the real stack (pcscd, vpcd, the device bridge): the
// document lifted in the middle of DG2 and put back, the bridge process killed mid-read, a chip
// that answers 6282 at the end of every file, a slow chip within and beyond the time allowed. Each
// time the reading resumes (ChipReader keeps what it read) and ends trusted.
import { afterEach, expect, it } from 'vitest';
import { ChipReader } from '../../../electron/chip/reader/chip-reader';
import { BridgeApduTransport } from '../../../electron/devices/bridge-apdu-transport';
import { readChipThroughBridge, waitForCard } from '../../../electron/devices/bridge-chip-reading';
import type { ChipError } from '../../../electron/chip/chip-error';
import type { ChipFile, ChipReadProgress } from '../../../electron/contract/chip.contract';
import { ERIKSSON } from '../../../electron/specimens/virtual-card/specimen-passport';
import type { VirtualCardProcess } from '../../helpers/pcsc/virtual-card-process';
import { cardOn, describePcsc, passiveAuthentication, READER, usePcscStack } from './pcsc-fixture';

const ALL: ChipFile[] = ['DG1', 'DG2', 'DG14', 'DG15'];

describePcsc('interrupted readings through pcscd and vpcd', () => {
  const stack = usePcscStack({ restartDelaysMs: [100] });
  let card: VirtualCardProcess | undefined;
  const transports: BridgeApduTransport[] = [];

  afterEach(async () => {
    await Promise.all(transports.splice(0).map((t) => t.close()));
    await card?.stop();
    card = undefined;
  });

  async function connect(): Promise<BridgeApduTransport> {
    const t = await BridgeApduTransport.open(stack.bridge, READER, { timeoutMs: 5000 });
    transports.push(t);
    return t;
  }

  /** The DG2 offsets reported, in order. */
  const dg2Offsets = (progress: ChipReadProgress[]) => progress.filter((p) => p.file === 'DG2').map((p) => p.bytesRead);

  it('the document lifted in the middle of DG2 and put back: read() goes on from where it stopped', async () => {
    card = await stack.card(['--profile', 'pace']);
    await cardOn(stack);
    const progress: ChipReadProgress[] = [];
    const first = await connect();
    const reader = new ChipReader({ key: ERIKSSON, dataGroups: ['DG1', 'DG2'], atr: first.atr, onProgress: (p) => progress.push(p) });
    // PACE and the small files take about 25 commands: the 60th is well inside DG2.
    await card.removeAfterApdus(60);
    await expect(reader.read(first)).rejects.toMatchObject({ kind: 'CardRemoved' });
    const reached = Math.max(...dg2Offsets(progress));
    expect(reached).toBeGreaterThan(0);
    expect(reached).toBeLessThan(card.ready.files.DG2!);

    progress.length = 0;
    await card.insert();
    await cardOn(stack);
    const reading = await reader.read(await connect());
    expect(reading).toMatchObject({ resumptions: 1, restarted: false });
    // The first DG2 read after access was established again starts where the last one stopped.
    expect(dg2Offsets(progress)[0]).toBe(reached + 0xdf);
    expect(reading.files.get('DG2')!.length).toBe(card.ready.files.DG2);
    expect(passiveAuthentication(stack, reading).outcome).toBe('trusted');
  });

  it('readChipThroughBridge waits for the document to come back and resumes by itself', async () => {
    card = await stack.card(['--profile', 'bac']);
    await cardOn(stack);
    await card.removeAfterApdus(40);
    const interruptions: ChipError[] = [];
    const { reading, transport } = await readChipThroughBridge(stack.bridge, {
      key: ERIKSSON,
      dataGroups: ['DG1', 'DG2'],
      reader: READER,
      waitMs: 20_000,
      onInterrupted: (error) => {
        interruptions.push(error);
        setTimeout(() => void card!.insert(), 300);
      },
    });
    transports.push(transport);
    expect(interruptions.map((e) => e.kind)).toEqual(['CardRemoved']);
    expect(reading.resumptions).toBe(1);
    expect(passiveAuthentication(stack, reading).outcome).toBe('trusted');
  });

  it('the bridge process killed mid-read: the read fails plainly, the bridge comes back, reading resumes, and a new read works', async () => {
    // 15 ms a command: the reading lasts long enough to be caught in DG2.
    card = await stack.card(['--profile', 'pace', '--delay-ms', '15']);
    await cardOn(stack);
    const first = await connect();
    const firstPid = stack.bridge.pid!;
    let killed = false;
    const reader = new ChipReader({
      key: ERIKSSON,
      dataGroups: ['DG1', 'DG2'],
      atr: first.atr,
      onProgress: (p) => {
        if (!killed && p.file === 'DG2' && p.bytesRead > 4000) {
          killed = true;
          process.kill(firstPid, 'SIGKILL');
        }
      },
    });
    const failure = await reader.read(first).then(
      () => null,
      (e: ChipError) => e,
    );
    expect(killed).toBe(true);
    expect(failure).toMatchObject({ kind: 'NoChipAnswer' });
    expect((failure?.cause as { kind?: string }).kind).toBe('BridgeStopped');

    await waitForCard(stack.bridge, { reader: READER, timeoutMs: 20_000 });
    expect(stack.bridge.pid).not.toBe(firstPid);
    const reading = await reader.read(await connect());
    expect(reading.resumptions).toBe(1);
    expect(passiveAuthentication(stack, reading).outcome).toBe('trusted');

    await card.setDelay(0);
    const again = await readChipThroughBridge(stack.bridge, { key: ERIKSSON, dataGroups: ['DG1', 'DG2'], reader: READER });
    transports.push(again.transport);
    expect(again.reading.resumptions).toBe(0);
    expect(passiveAuthentication(stack, again.reading).outcome).toBe('trusted');
  });

  it('a chip that answers 6282 at the end of every file is read whole', async () => {
    card = await stack.card(['--profile', 'eof-6282']);
    await cardOn(stack);
    const { reading, transport } = await readChipThroughBridge(stack.bridge, { key: ERIKSSON, dataGroups: ALL, reader: READER });
    transports.push(transport);
    expect([...reading.files.keys()].sort()).toEqual(['COM', 'CardAccess', 'CardSecurity', 'DG1', 'DG14', 'DG15', 'DG2', 'SOD']);
    expect(reading.statuses.every((s) => s.status === 'read')).toBe(true);
    expect(passiveAuthentication(stack, reading).outcome).toBe('trusted');
    // Every file's last answer carried the warning (ISO/IEC 7816-4: end of file reached).
    expect((await card.stats()).statusWords['6282']).toBeGreaterThanOrEqual(reading.files.size);
  });

  it('a slow chip within the time allowed is read; beyond it, Timeout, and the reading resumes once it is quick again', async () => {
    card = await stack.card(['--profile', 'bac', '--delay-ms', '20']);
    await cardOn(stack);
    const started = Date.now();
    const slow = await readChipThroughBridge(stack.bridge, { key: ERIKSSON, dataGroups: ['DG1', 'DG2'], reader: READER, timeoutMs: 2000 });
    transports.push(slow.transport);
    expect(passiveAuthentication(stack, slow.reading).outcome).toBe('trusted');
    expect(Date.now() - started).toBeGreaterThanOrEqual(slow.transport.counters.apdus * 20);
    await slow.transport.close();

    await card.setDelay(1500);
    const first = await connect();
    const reader = new ChipReader({ key: ERIKSSON, dataGroups: ['DG1', 'DG2'], atr: first.atr, timeoutMs: 400 });
    const t0 = Date.now();
    await expect(reader.read(first)).rejects.toMatchObject({ kind: 'Timeout' });
    expect(Date.now() - t0).toBeLessThan(1400);
    await first.close();

    await card.setDelay(0);
    // The command left behind is answered late (pcscd serves the reader one command at a time).
    await new Promise((r) => setTimeout(r, 1600));
    const reading = await reader.read(await connect());
    expect(reading.resumptions).toBe(1);
    expect(passiveAuthentication(stack, reading).outcome).toBe('trusted');
  });
});
