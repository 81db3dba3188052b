// The virtual card tool (electron/specimens/virtual-card/) as a test drives it: forked inside the
// private PC/SC namespace, told what to do over its IPC channel, its events collected.
import type { ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import type { CardPeerStats, CardPeerState } from '../../../electron/specimens/virtual-card/vpcd-card-peer';
import type { PcscNamespace } from './pcsc-namespace';

const ENTRY = resolve(import.meta.dirname, '../../../electron/specimens/virtual-card/virtual-card-main.ts');

export interface CardReady {
  readonly port: number;
  readonly atr: string;
  readonly files: Record<string, number>;
}

type Reply = { id: number; ok: true; result: Record<string, unknown> } | { id: number; ok: false; error: string };

export class VirtualCardProcess {
  private nextId = 1;
  private readonly pending = new Map<number, (reply: Reply) => void>();
  private readonly stateWaiters = new Set<() => void>();
  private state: CardPeerState = 'removed';
  private output = '';

  private constructor(
    private readonly child: ChildProcess,
    readonly ready: CardReady,
  ) {
    child.on('message', (raw) => this.onMessage(raw));
  }

  /** Starts a card (`args` as for `loupe virtual-card`), and waits until it is on the reader unless `--removed`. */
  static async start(ns: PcscNamespace, args: readonly string[]): Promise<VirtualCardProcess> {
    const child = ns.fork(ENTRY, args);
    let output = '';
    child.stdout?.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-4000)));
    const ready = await new Promise<CardReady>((resolveReady, reject) => {
      const timer = setTimeout(() => reject(new Error(`the virtual card did not start: ${output}`)), 60_000);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the virtual card exited (${code}): ${output}`));
      });
      const onReady = (raw: unknown) => {
        const m = raw as { event?: string } & CardReady;
        if (m?.event !== 'ready') return;
        clearTimeout(timer);
        child.off('message', onReady);
        resolveReady(m);
      };
      child.on('message', onReady);
    });
    const card = new VirtualCardProcess(child, ready);
    child.stdout?.on('data', (d: Buffer) => (card.output = (card.output + d.toString()).slice(-4000)));
    if (!args.includes('--removed')) await card.waitForState('on-reader');
    return card;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  private onMessage(raw: unknown): void {
    const m = raw as Partial<Reply> & { event?: string; state?: CardPeerState };
    if (typeof m?.id === 'number') {
      this.pending.get(m.id)?.(m as Reply);
      this.pending.delete(m.id);
      return;
    }
    if (m?.event === 'state' && m.state) {
      this.state = m.state;
      for (const w of [...this.stateWaiters]) w();
    }
  }

  waitForState(state: CardPeerState, timeoutMs = 20_000): Promise<void> {
    if (this.state === state) return Promise.resolve();
    return new Promise((resolveState, reject) => {
      const timer = setTimeout(() => {
        this.stateWaiters.delete(check);
        reject(new Error(`the virtual card did not reach ${state} (it is ${this.state}): ${this.output}`));
      }, timeoutMs);
      const check = () => {
        if (this.state !== state) return;
        clearTimeout(timer);
        this.stateWaiters.delete(check);
        resolveState();
      };
      this.stateWaiters.add(check);
    });
  }

  /** One command line (see card-control.ts); resolves with its result. */
  command(line: string): Promise<Record<string, unknown>> {
    const id = this.nextId++;
    return new Promise((resolveReply, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`the virtual card did not answer "${line}"`));
      }, 20_000);
      this.pending.set(id, (reply) => {
        clearTimeout(timer);
        if (reply.ok) resolveReply(reply.result);
        else reject(new Error(reply.error));
      });
      this.child.send({ id, line });
    });
  }

  async insert(): Promise<void> {
    await this.command('insert');
    await this.waitForState('on-reader');
  }

  async remove(): Promise<void> {
    await this.command('remove');
  }

  removeAfterApdus(n: number): Promise<unknown> {
    return this.command(`remove-after ${n}`);
  }

  setDelay(ms: number): Promise<unknown> {
    return this.command(`delay ${ms}`);
  }

  async stats(): Promise<CardPeerStats> {
    return (await this.command('stats')).stats as CardPeerStats;
  }

  async resetStats(): Promise<void> {
    await this.command('reset-stats');
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((r) => this.child.once('exit', () => r()));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
  }
}
