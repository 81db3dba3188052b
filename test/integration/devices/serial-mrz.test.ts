// Serial MRZ reader against a real pseudo-terminal pair made with socat: the driver listens on
// one end, the test plays the reader on the other.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { SerialPort } from 'serialport';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Capture, DeviceBridge } from '../../../native/bridge-client';
import { device, startBridge, tempDir, waitForStatus } from './bridge-fixture';

const TD3 = ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F1204159ZE184226B<<<<<10'];
const TD1 = ['I<UTOD231458907<<<<<<<<<<<<<<<', '7408122F1204159UTO<<<<<<<<<<<6', 'ERIKSSON<<ANNA<MARIA<<<<<<<<<<'];

function nextCapture(bridge: DeviceBridge): Promise<Capture> {
  return new Promise((resolve) => {
    const off = bridge.on('capture', (c) => {
      off();
      resolve(c);
    });
  });
}

describe('serial MRZ reader over a socat pty pair', () => {
  const dir = tempDir('loupe-serial-');
  const a = join(dir, 'a');
  const b = join(dir, 'b');
  let socat: ChildProcess;
  let reader: SerialPort;
  const bridgeReady = startBridge();

  beforeAll(async () => {
    socat = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`], { stdio: 'ignore' });
    while (!existsSync(a) || !existsSync(b)) await sleep(20);
    reader = new SerialPort({ path: b, baudRate: 9600, autoOpen: false });
    await new Promise<void>((resolve, reject) => reader.open((e) => (e ? reject(e) : resolve())));
  });
  afterAll(async () => {
    if (reader?.isOpen) await new Promise<void>((resolve) => reader.close(() => resolve()));
    if (socat && socat.exitCode === null) socat.kill('SIGKILL');
  });

  it('emits a capture with the exact lines of a TD3 sent with CRLF', async () => {
    const bridge = await bridgeReady;
    const status = await bridge.configure('serial-mrz', { path: a, baudRate: 9600 });
    expect(status.state).toBe('connected');
    const capture = nextCapture(bridge);
    reader.write(`${TD3[0]}\r\n`);
    await sleep(50);
    reader.write(`${TD3[1]}\r\n`);
    const got = await capture;
    expect(got).toMatchObject({ deviceId: 'serial-mrz', images: [], mrzText: TD3 });
  });

  it('emits a TD1 wrapped in STX/ETX, ignoring noise before it', async () => {
    const bridge = await bridgeReady;
    const capture = nextCapture(bridge);
    reader.write(Buffer.concat([Buffer.from('READY\r\n'), Buffer.from([0x02]), Buffer.from(TD1.join('\r')), Buffer.from([0x03])]));
    expect((await capture).mrzText).toEqual(TD1);
    expect((await bridge.capture('serial-mrz')).mrzText).toEqual(TD1);
  });

  it('reports an error with a reason when the port disappears', async () => {
    const bridge = await bridgeReady;
    socat.kill('SIGTERM');
    const list = await waitForStatus(bridge, (l) => device(l, 'serial-mrz')?.state === 'error');
    expect(device(list, 'serial-mrz')?.reason).toMatch(new RegExp(`${a}.*retrying`));
  });
});
