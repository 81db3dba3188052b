// A private PC/SC stack for a test: pcscd with vsmartcard's vpcd reader driver in a network and
// mount namespace of its own (`unshare -m -n`), so its TCP ports (vpcd listens on every interface)
// and its socket directory (a private /run/pcscd) are seen by no other test and no other user of
// the machine. The test's PC/SC clients — the device bridge and the virtual card — run inside the
// same namespaces through `nsenter`.
//
// Set-up inside the namespace: loopback up, and the loopback routes marked `quickack`: vpcd writes
// a frame's length and its APDU in two send() calls, so with Nagle on its side and delayed ACKs on
// the card's, every APDU would wait ~40 ms for the card to acknowledge the length (measured: 49 ms
// per APDU without, 0.1 ms with). Node cannot set TCP_QUICKACK on a socket; the route can.
//
// pcscd runs with --auto-exit, so one left behind by a killed test run goes away on its own after
// a minute without clients; the namespace holder exits when its stdin (a pipe from this process)
// closes.
import { execFileSync, fork, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createForkSpawner, type Spawner } from '../../../native/bridge-process';

const VPCD_CONFIG = '/etc/reader.conf.d/vpcd';
const VPCD_LIBRARIES = ['/usr/lib/pcsc/drivers/serial/libifdvpcd.so', '/usr/lib64/pcsc/drivers/serial/libifdvpcd.so', '/usr/local/lib/pcsc/drivers/serial/libifdvpcd.so'];
/** vpcd's first slot; the second listens one port higher. */
export const VPCD_PORT = 35963;

function vpcdLibrary(): string | null {
  if (existsSync(VPCD_CONFIG)) {
    const m = /^\s*LIBPATH\s+(\S+)/m.exec(readFileSync(VPCD_CONFIG, 'utf8'));
    if (m && existsSync(m[1]!)) return m[1]!;
  }
  return VPCD_LIBRARIES.find((p) => existsSync(p)) ?? null;
}

function onPath(tool: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' }).status === 0;
}

let cachedReason: string | null | undefined;

/** Why the isolated PC/SC stack cannot run here, or null when it can. */
export function pcscStackUnavailable(): string | null {
  if (cachedReason !== undefined) return cachedReason;
  cachedReason = (() => {
    if (process.platform !== 'linux') return 'the isolated PC/SC stack needs Linux namespaces';
    const missing = ['unshare', 'nsenter', 'mount', 'ip', 'pcscd'].filter((t) => !onPath(t));
    if (missing.length) return `missing ${missing.join(', ')} (scripts/install-system-packages.sh installs pcscd, vsmartcard-vpcd and iproute2)`;
    if (!vpcdLibrary()) return 'the vpcd reader driver is not installed (Debian package vsmartcard-vpcd)';
    const probe = spawnSync('unshare', ['-m', '-n', '--', 'true'], { encoding: 'utf8' });
    if (probe.status !== 0) return `unshare -m -n is not permitted here (${(probe.stderr || probe.error?.message || 'failed').trim()}): run as root with CAP_SYS_ADMIN`;
    return null;
  })();
  return cachedReason;
}

const SETUP = [
  'set -e',
  'mount -t tmpfs -o mode=0755 loupe-pcsc /run',
  'mkdir -p /run/pcscd',
  'ip link set lo up',
  'ip route replace local 127.0.0.0/8 dev lo proto kernel scope host src 127.0.0.1 table local quickack 1',
  'ip route replace local 127.0.0.1 dev lo proto kernel scope host src 127.0.0.1 table local quickack 1',
  'echo ready',
  // Held open until the test's end closes stdin (or the test process dies).
  'read -r _ || true',
].join('\n');

export class PcscNamespace {
  private pcscd: ChildProcess | undefined;
  private pcscdLog = '';
  private readonly children = new Set<ChildProcess>();
  private closed = false;

  private constructor(
    private readonly holder: ChildProcess,
    readonly holderPid: number,
    private readonly configDir: string,
  ) {}

  /** One vpcd reader: two slots, "Virtual PCD 00 00" on port 35963 and "Virtual PCD 00 01" on 35964. */
  static async start(): Promise<PcscNamespace> {
    const reason = pcscStackUnavailable();
    if (reason) throw new Error(`isolated PC/SC stack unavailable: ${reason}`);
    const configDir = mkdtempSync(join(tmpdir(), 'loupe-pcsc-'));
    const library = vpcdLibrary()!;
    // reader.conf(5); DEVICENAME's number is vpcd's TCP port (its second slot listens one higher).
    const port = VPCD_PORT.toString(16);
    writeFileSync(join(configDir, 'vpcd'), `FRIENDLYNAME "Virtual PCD"\nDEVICENAME /dev/null:0x${port}\nLIBPATH ${library}\nCHANNELID 0x${port}\n`);
    const holder = spawn('unshare', ['-m', '-n', '--', 'sh', '-c', SETUP], { stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    holder.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    holder.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`namespace set-up timed out: ${output}`)), 10_000);
      holder.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`namespace set-up failed (exit ${code}): ${output.trim()}`));
      });
      holder.stdout!.on('data', () => {
        if (output.includes('ready')) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    const ns = new PcscNamespace(holder, holder.pid!, configDir);
    await ns.startPcscd();
    return ns;
  }

  /** The reader name pcscd gives vpcd's slot `slot` (0 or 1). */
  static readerName(slot: 0 | 1 = 0): string {
    return `Virtual PCD 00 0${slot}`;
  }

  /** The TCP port vpcd listens on for slot `slot`'s card. */
  static port(slot: 0 | 1 = 0): number {
    return VPCD_PORT + slot;
  }

  /** `nsenter` arguments that run a command in this stack's namespaces, in the current directory. */
  get enter(): string[] {
    return ['nsenter', '-t', String(this.holderPid), '-m', '-n', `--wd=${process.cwd()}`, '--'];
  }

  /** Spawner for DeviceBridge.start: the bridge process runs inside the namespaces. */
  get spawner(): Spawner {
    return createForkSpawner(this.enter);
  }

  /** Forks a TypeScript entry inside the namespaces, with an IPC channel. Killed at close(). */
  fork(entry: string, args: readonly string[] = []): ChildProcess {
    const [command, ...prefix] = this.enter;
    const child = fork(entry, [...args], { execPath: command!, execArgv: [...prefix, process.execPath, '--import', 'tsx'], stdio: ['pipe', 'pipe', 'inherit', 'ipc'] });
    this.children.add(child);
    child.once('exit', () => this.children.delete(child));
    return child;
  }

  /** A command run to completion inside the namespaces. */
  run(command: readonly string[]): string {
    return execFileSync(this.enter[0]!, [...this.enter.slice(1), ...command], { encoding: 'utf8' });
  }

  get pcscdRunning(): boolean {
    return this.pcscd !== undefined && this.pcscd.exitCode === null && this.pcscd.signalCode === null;
  }

  async startPcscd(): Promise<void> {
    if (this.pcscdRunning) return;
    const socket = `/proc/${this.holderPid}/root/run/pcscd/pcscd.comm`;
    const [command, ...prefix] = this.enter;
    const pcscd = spawn(command!, [...prefix, 'pcscd', '--foreground', '--auto-exit', '--config', this.configDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.pcscd = pcscd;
    const keep = (d: Buffer) => (this.pcscdLog = (this.pcscdLog + d.toString()).slice(-8000));
    pcscd.stdout!.on('data', keep);
    pcscd.stderr!.on('data', keep);
    const until = Date.now() + 10_000;
    while (!existsSync(socket)) {
      if (!this.pcscdRunning) throw new Error(`pcscd exited: ${this.pcscdLog.trim()}`);
      if (Date.now() > until) throw new Error(`pcscd did not open its socket: ${this.pcscdLog.trim()}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  /** Stops pcscd (its readers vanish for every client); SIGTERM lets it remove its socket. */
  async stopPcscd(): Promise<void> {
    const pcscd = this.pcscd;
    if (!pcscd || !this.pcscdRunning) return;
    const exited = new Promise<void>((resolve) => pcscd.once('exit', () => resolve()));
    pcscd.kill('SIGTERM');
    const timer = setTimeout(() => pcscd.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }

  /** What pcscd said last (for failure messages). */
  get log(): string {
    return this.pcscdLog;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const exits = [...this.children].map((c) => new Promise<void>((resolve) => (c.exitCode !== null || c.signalCode !== null ? resolve() : c.once('exit', () => resolve()))));
    for (const c of this.children) c.kill('SIGKILL');
    await Promise.all(exits);
    await this.stopPcscd();
    const holderExit = new Promise<void>((resolve) => (this.holder.exitCode !== null ? resolve() : this.holder.once('exit', () => resolve())));
    this.holder.stdin!.end();
    const timer = setTimeout(() => this.holder.kill('SIGKILL'), 2000);
    await holderExit;
    clearTimeout(timer);
    rmSync(this.configDir, { recursive: true, force: true });
  }
}
