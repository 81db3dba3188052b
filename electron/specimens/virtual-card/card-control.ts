// What an operator (or a test) can tell the running virtual card: put it on the reader, lift it
// now or in the middle of a later command, slow it down, show its counters. Lines on stdin and
// messages on the IPC channel of a forked card take the same commands.
import type { CardPeerStats, VpcdCardPeer } from './vpcd-card-peer';

export const CARD_COMMANDS = ['insert', 'remove', 'remove-after', 'delay', 'stats', 'reset-stats', 'quit'] as const;
export type CardCommandName = (typeof CARD_COMMANDS)[number];

export interface CardCommand {
  readonly command: CardCommandName;
  readonly value?: number;
}

export type CardCommandResult = { readonly state: string } | { readonly stats: CardPeerStats } | { readonly delayMs: number } | { readonly quit: true };

export class CardCommandError extends Error {}

/** "remove-after 12", "delay 300", "stats"… */
export function parseCardCommand(line: string): CardCommand {
  const [word = '', arg, ...rest] = line.trim().split(/\s+/);
  if (!(CARD_COMMANDS as readonly string[]).includes(word)) throw new CardCommandError(`unknown command "${word}" (${CARD_COMMANDS.join(', ')})`);
  const command = word as CardCommandName;
  const needsValue = command === 'remove-after' || command === 'delay';
  if (rest.length > 0 || (needsValue ? arg === undefined : arg !== undefined)) throw new CardCommandError(needsValue ? `${command} takes one number` : `${command} takes no argument`);
  if (!needsValue) return { command };
  if (!/^\d{1,7}$/.test(arg!)) throw new CardCommandError(`${command} takes a whole number (got "${arg}")`);
  return { command, value: Number(arg) };
}

export async function runCardCommand(peer: VpcdCardPeer, cmd: CardCommand): Promise<CardCommandResult> {
  switch (cmd.command) {
    case 'insert':
      await peer.insert();
      return { state: peer.state };
    case 'remove':
      peer.remove();
      return { state: peer.state };
    case 'remove-after':
      peer.removeAfterApdus(cmd.value ?? 0);
      return { state: peer.state };
    case 'delay':
      peer.delayMs = cmd.value ?? 0;
      return { delayMs: peer.delayMs };
    case 'stats':
      return { stats: { ...peer.stats, statusWords: { ...peer.stats.statusWords } } };
    case 'reset-stats':
      Object.assign(peer.stats, { apdus: 0, bytesIn: 0, bytesOut: 0, statusWords: {} });
      return { stats: { ...peer.stats } };
    case 'quit':
      return { quit: true };
  }
}
