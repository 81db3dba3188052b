// `loupe virtual-card`: a specimen passport chip on a vpcd reader (vsmartcard-vpcd, loaded by
// pcscd), for drills and tests of the whole chip stack through the real PC/SC service. Prints one
// JSON line per event on stdout (ready, state changes, command answers); takes commands on stdin
// (insert, remove, remove-after N, delay MS, stats, reset-stats, quit) and, when forked, on its IPC
// channel as { id, line } messages answered with { id, ok, result | error }.
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { Command, ParsedArgs } from '../../common/command-line/command';
import { LoupeError } from '../../common/loupe-error';
import { VirtualChip } from '../../chip/virtual/virtual-chip';
import { CardCommandError, parseCardCommand, runCardCommand, type CardCommandResult } from './card-control';
import { cardPkiIn, SIGNER_KINDS, type SignerKind } from './card-pki';
import { buildCard, CARD_ACCESS, CARD_PROFILES, cardProfile, isCardProfileName, type CardAccess, type CardProfile } from './card-profiles';
import { ERIKSSON, SPECIMEN_MRZ } from './specimen-passport';
import { VPCD_DEFAULT_PORT, VpcdCardPeer } from './vpcd-card-peer';

export const DEFAULT_PKI_DIR = '.cache/virtual-card-pki';

function bad(message: string): LoupeError {
  return new LoupeError('common', 'InvalidInput', message);
}

function integer(args: ParsedArgs, name: string, min: number, max: number): number | undefined {
  const value = args.values[name];
  if (value === undefined) return undefined;
  const text = String(value).trim();
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) throw bad(`--${name} must be a whole number from ${min} to ${max} (got '${text}')`);
  return Number(text);
}

function oneOf<T extends string>(args: ParsedArgs, name: string, allowed: readonly T[]): T | undefined {
  const value = args.values[name];
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(String(value))) throw bad(`--${name} must be one of ${allowed.join(', ')} (got '${String(value)}')`);
  return value as T;
}

/** The profile the options ask for: a named profile, then each option that overrides it. */
export function profileFromArgs(args: ParsedArgs): CardProfile {
  const name = typeof args.values.profile === 'string' ? args.values.profile : 'standard';
  if (!isCardProfileName(name)) throw bad(`--profile must be one of ${Object.keys(CARD_PROFILES).join(', ')} (got '${name}')`);
  const overrides: { -readonly [K in keyof CardProfile]?: CardProfile[K] } = {};
  const access = oneOf<CardAccess>(args, 'access', CARD_ACCESS);
  if (access) overrides.access = access;
  const signer = oneOf<SignerKind>(args, 'signer', SIGNER_KINDS);
  if (signer) overrides.signer = signer;
  const delay = integer(args, 'delay-ms', 0, 120_000);
  if (delay !== undefined) overrides.delayMs = delay;
  const dg2 = integer(args, 'dg2-bytes', 2_000, 1_000_000);
  if (dg2 !== undefined) overrides.dg2Bytes = dg2;
  if (args.values['extended-length'] === true) overrides.extendedLength = true;
  if (args.values['eof-6282'] === true) overrides.endOfFileWarning = true;
  if (args.values.clone === true) overrides.clone = true;
  if (args.values['altered-dg1'] === true) overrides.alteredDg1 = true;
  return cardProfile(name, overrides);
}

/** --mrz: two or three MRZ lines separated by "/" (TD1 3 × 30, TD2 2 × 36, TD3 2 × 44). */
export function mrzFromArgs(args: ParsedArgs): string[] | undefined {
  const value = args.values.mrz;
  if (value === undefined) return undefined;
  const lines = String(value).trim().toUpperCase().split('/');
  const shape = lines.length === 3 ? 30 : lines.length === 2 && (lines[0]!.length === 36 || lines[0]!.length === 44) ? lines[0]!.length : 0;
  if (!shape || lines.some((l) => l.length !== shape || !/^[0-9A-Z<]+$/.test(l))) throw bad('--mrz must be 2 lines of 44 or 36, or 3 lines of 30 MRZ characters (A-Z, 0-9, <), separated by "/"');
  return lines;
}

function emit(line: object): void {
  process.stdout.write(`${JSON.stringify(line)}\n`);
  if (process.send && process.connected) process.send(line);
}

export const virtualCardCommand: Command<undefined> = {
  name: 'virtual-card',
  summary: 'serve a specimen passport chip on a vpcd reader (drills and tests of the PC/SC chip stack)',
  usage: [
    'usage: loupe virtual-card [--profile NAME] [--access bac|pace|pace-cam|bac+pace] [--signer valid|expired|revoked|unknown]',
    '                          [--delay-ms MS] [--dg2-bytes N] [--extended-length] [--eof-6282] [--clone] [--altered-dg1]',
    '                          [--mrz LINE1/LINE2[/LINE3]] [--pki DIR] [--host H] [--port P | --slot 0|1] [--removed]',
    '',
    `Profiles: ${Object.keys(CARD_PROFILES).join(', ')}.`,
    'Needs pcscd with vsmartcard-vpcd (its readers "Virtual PCD 00 00" / "00 01" listen on ports 35963 / 35964).',
    `The chip opens with the MRZ of ICAO 9303's specimen (document ${ERIKSSON.documentNumber}, born ${ERIKSSON.dateOfBirth}, expiry ${ERIKSSON.dateOfExpiry}),`,
    'or with the MRZ given by --mrz (lines separated by "/": a printed specimen\'s, so a scan of it opens the chip).',
    `Its signers hang under a specimen CSCA kept in --pki (default ${DEFAULT_PKI_DIR}, made when missing): import csca.der`,
    '(or masterlist.der) and crl.der into the trust store to check them.',
    'Commands on stdin: insert, remove, remove-after N (lift in the middle of the command after N more), delay MS, stats,',
    'reset-stats, quit. One JSON line per event on stdout.',
    'Outside an isolated stack each APDU costs ~45 ms (vpcd sends length and APDU apart; the card side cannot',
    'acknowledge at once from Node): expect slow reads there, and measure inside the test namespace.',
  ].join('\n'),
  options: {
    profile: { type: 'string' },
    access: { type: 'string' },
    signer: { type: 'string' },
    'delay-ms': { type: 'string' },
    'dg2-bytes': { type: 'string' },
    'extended-length': { type: 'boolean' },
    'eof-6282': { type: 'boolean' },
    clone: { type: 'boolean' },
    'altered-dg1': { type: 'boolean' },
    pki: { type: 'string' },
    host: { type: 'string' },
    port: { type: 'string' },
    slot: { type: 'string' },
    removed: { type: 'boolean' },
    mrz: { type: 'string' },
  },
  async run(args) {
    const profile = profileFromArgs(args);
    const slot = integer(args, 'slot', 0, 1);
    const explicitPort = integer(args, 'port', 1, 65_535);
    if (slot !== undefined && explicitPort !== undefined) throw bad('give --port or --slot, not both');
    const port = explicitPort ?? VPCD_DEFAULT_PORT + (slot ?? 0);
    const host = typeof args.values.host === 'string' ? args.values.host : '127.0.0.1';
    const pkiDir = resolve(typeof args.values.pki === 'string' && args.values.pki !== '' ? args.values.pki : DEFAULT_PKI_DIR);
    const pki = cardPkiIn(pkiDir);
    const mrz = mrzFromArgs(args);
    const passport = await buildCard(profile, pki, mrz);
    const chip = new VirtualChip(passport.config);
    const peer = new VpcdCardPeer({ chip, host, port, delayMs: profile.delayMs });
    peer.on('state', (state) => emit({ event: 'state', state }));
    peer.on('log', (message) => emit({ event: 'log', message }));
    emit({ event: 'ready', profile, host, port, pki: pkiDir, mrz: mrz ?? SPECIMEN_MRZ, atr: Buffer.from(chip.atr).toString('hex'), files: Object.fromEntries(Object.entries(passport.config.files).map(([f, b]) => [f, b.length])) });
    if (args.values.removed !== true) void peer.insert();

    await new Promise<void>((done) => {
      let finished = false;
      const finish = () => {
        if (finished) return;
        finished = true;
        peer.close();
        lines.close();
        process.off('message', onMessage);
        done();
      };
      const execute = async (line: string): Promise<CardCommandResult> => {
        const result = await runCardCommand(peer, parseCardCommand(line));
        if ('quit' in result) setImmediate(finish);
        return result;
      };
      const lines = createInterface({ input: process.stdin });
      lines.on('line', (line) => {
        if (line.trim() === '') return;
        execute(line).then(
          (result) => emit({ event: 'answer', command: line.trim(), ...result }),
          (error: unknown) => emit({ event: 'error', command: line.trim(), message: error instanceof CardCommandError ? error.message : String(error) }),
        );
      });
      // A closed stdin (a card started in the background) changes nothing: quit, a signal or the end
      // of the IPC channel stop the card.
      const onMessage = (raw: unknown) => {
        const m = raw as { id?: unknown; line?: unknown };
        if (typeof m?.id !== 'number' || typeof m.line !== 'string') return;
        const id = m.id;
        execute(m.line).then(
          (result) => process.send?.({ id, ok: true, result }),
          (error: unknown) => process.send?.({ id, ok: false, error: error instanceof Error ? error.message : String(error) }),
        );
      };
      process.on('message', onMessage);
      process.on('disconnect', finish);
      process.once('SIGINT', finish);
      process.once('SIGTERM', finish);
    });
    return undefined;
  },
  human: () => '',
};
