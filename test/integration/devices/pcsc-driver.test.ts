// The PC/SC driver of the device bridge against the real pcscd with vsmartcard's vpcd readers and
// the virtual card tool's card (all inside a private network and mount namespace): readers found,
// documents put on and lifted, APDUs moved, the reader unplugged (pcscd stopped) and plugged again.
import { expect, it } from 'vitest';
import { BridgeApduTransport } from '../../../electron/devices/bridge-apdu-transport';
import type { VirtualCardProcess } from '../../helpers/pcsc/virtual-card-process';
import { waitForStatus } from './bridge-fixture';
import { cardOn, describePcsc, nextChipEvent, pcscStatus, READER, SECOND_READER, usePcscStack } from './pcsc-fixture';

/** SELECT the eMRTD application (ICAO 9303-10 §3.6.2): answered 9000 before any access control. */
const SELECT_EMRTD = new Uint8Array([0x00, 0xa4, 0x04, 0x0c, 0x07, 0xa0, 0x00, 0x00, 0x02, 0x47, 0x10, 0x01]);
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex').toUpperCase();

describePcsc('PC/SC driver through pcscd and vpcd', () => {
  const stack = usePcscStack();
  let card: VirtualCardProcess;

  it('finds the vpcd readers, empty, and says so in its status', async () => {
    expect(pcscStatus(stack)).toMatchObject({ kind: 'pcsc', state: 'connected', provides: [] });
    expect(pcscStatus(stack)?.reason).toContain(READER);
    expect(await stack.bridge.chipReaders()).toEqual([
      { name: READER, cardPresent: false, atr: null },
      { name: SECOND_READER, cardPresent: false, atr: null },
    ]);
  });

  it('refuses to connect where there is no document or no such reader', async () => {
    await expect(stack.bridge.connectChip(READER)).rejects.toMatchObject({ kind: 'NotFound', message: expect.stringContaining('No document on the reader') });
    await expect(stack.bridge.connectChip('Reader 9')).rejects.toMatchObject({ kind: 'NotFound' });
    await expect(stack.bridge.transmitApdu('no-such-session', SELECT_EMRTD, 1000)).rejects.toMatchObject({ kind: 'NotFound' });
    // The chip domain's side of the same: nobody answers.
    await expect(BridgeApduTransport.open(stack.bridge, READER)).rejects.toMatchObject({ kind: 'NoChipAnswer' });
  });

  it('tells when a document is put on a reader, with its ATR, and when it is lifted', async () => {
    const present = nextChipEvent(stack, (e) => e.event === 'card-present' && e.reader === READER);
    card = await stack.card(['--profile', 'bac']);
    expect((await present).atr).toBe(card.ready.atr);
    expect(await stack.bridge.chipReaders()).toContainEqual({ name: READER, cardPresent: true, atr: card.ready.atr });
    expect(pcscStatus(stack)?.reason).toContain(`${READER} (document on it)`);

    const absent = nextChipEvent(stack, (e) => e.event === 'card-absent' && e.reader === READER);
    await card.remove();
    await absent;
    expect((await stack.bridge.chipReaders()).find((r) => r.name === READER)).toEqual({ name: READER, cardPresent: false, atr: null });

    const back = nextChipEvent(stack, (e) => e.event === 'card-present' && e.reader === READER);
    await card.insert();
    await back;
  });

  it('moves APDUs to the card and back, and forgets a session once disconnected', async () => {
    const { session, atr } = await stack.bridge.connectChip(READER);
    expect(hex(atr)).toBe(card.ready.atr.toUpperCase());
    expect(hex(await stack.bridge.transmitApdu(session, SELECT_EMRTD, 2000))).toBe('9000');
    // Protected data before access control: 6982, passed on untouched.
    expect(hex(await stack.bridge.transmitApdu(session, new Uint8Array([0x00, 0xb0, 0x81, 0x00, 0x04]), 2000))).toBe('6982');
    await stack.bridge.disconnectChip(session);
    await expect(stack.bridge.transmitApdu(session, SELECT_EMRTD, 2000)).rejects.toMatchObject({ kind: 'NotFound' });
  });

  it('fails a command to a lifted document with CardRemoved (NoChipAnswer never stands for it)', async () => {
    const transport = await BridgeApduTransport.open(stack.bridge, READER);
    expect(hex(await transport.transmit(SELECT_EMRTD))).toBe('9000');
    const absent = nextChipEvent(stack, (e) => e.event === 'card-absent' && e.reader === READER);
    await card.remove();
    await absent;
    await expect(transport.transmit(SELECT_EMRTD)).rejects.toMatchObject({ kind: 'CardRemoved' });
    await transport.close();
    await card.insert();
    await cardOn(stack);
  });

  it('lifted in the middle of a command: CardRemoved, not a mute chip', async () => {
    const transport = await BridgeApduTransport.open(stack.bridge, READER);
    await card.removeAfterApdus(0);
    await expect(transport.transmit(SELECT_EMRTD)).rejects.toMatchObject({ kind: 'CardRemoved' });
    await transport.close();
    await card.insert();
    await cardOn(stack);
  });

  it('when pcscd stops its readers are unplugged, and plugged again when it is back', async () => {
    // The document the previous test put back is on the reader before the session opens.
    await cardOn(stack);
    const { session } = await stack.bridge.connectChip(READER);
    const gone = [READER, SECOND_READER].map((r) => nextChipEvent(stack, (e) => e.event === 'reader-removed' && e.reader === r));
    const lifted = nextChipEvent(stack, (e) => e.event === 'card-absent' && e.reader === READER);
    await stack.ns.stopPcscd();
    await Promise.all([lifted, ...gone]);
    await waitForStatus(stack.bridge, () => pcscStatus(stack)?.state === 'unavailable');
    expect(pcscStatus(stack)?.reason).toContain('pcscd');
    expect(await stack.bridge.chipReaders()).toEqual([]);
    await expect(stack.bridge.transmitApdu(session, SELECT_EMRTD, 2000)).rejects.toMatchObject({ kind: 'DeviceUnavailable' });
    await expect(stack.bridge.connectChip(READER)).rejects.toMatchObject({ kind: 'DeviceUnavailable' });

    const added = [READER, SECOND_READER].map((r) => nextChipEvent(stack, (e) => e.event === 'reader-added' && e.reader === r));
    // The card was never lifted: it finds vpcd again by itself.
    const present = nextChipEvent(stack, (e) => e.event === 'card-present' && e.reader === READER);
    await stack.ns.startPcscd();
    await Promise.all([...added, present]);
    await waitForStatus(stack.bridge, () => pcscStatus(stack)?.state === 'connected');
    const transport = await BridgeApduTransport.open(stack.bridge, READER);
    expect(hex(await transport.transmit(SELECT_EMRTD))).toBe('9000');
    await transport.close();
  });
});
