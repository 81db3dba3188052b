// Trust-list members on a command line, read and shown one way by the station's `loupe trust` and
// the hub's `loupe hub trust`: a key typed as the 44 characters of `loupe trends identity`, as PEM,
// or as a file holding either; `--for reference|trends`; who did it; one line per entry.
import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { LoupeError } from '../common/loupe-error';
import { textOption, type ParsedArgs } from '../common/command-line/command';
import { readInputFile } from '../common/command-line/input-files';
import { printable } from '../common/command-line/terminal-text';
import { TRUST_PURPOSES, type TrustMember, type TrustPurpose } from './trust-member';
import { memberKeyOf } from './public-key';

/** A public key file holds one PEM or base64 key (under 200 bytes); anything far larger is not one. */
export const PUBLIC_KEY_FILE_MAX_BYTES = 64 * 1024;

/** `--for`: what the key is trusted for; `undefined` when it may be left out and was. */
export function purposeOption(args: ParsedArgs, required: boolean): TrustPurpose | undefined {
  const text = textOption(args, 'for');
  if (text === undefined) {
    if (required) throw new LoupeError('trust', 'InvalidInput', `--for is required: ${TRUST_PURPOSES.join(' or ')} (what the key is trusted for)`);
    return undefined;
  }
  const purpose = TRUST_PURPOSES.find((p) => p === text);
  if (!purpose) throw new LoupeError('trust', 'InvalidInput', `--for is ${TRUST_PURPOSES.join(' or ')}, not '${text}'`);
  return purpose;
}

/**
 * The public key a KEY argument gives: the key itself (raw base64 or PEM), or a file holding one.
 * Returned as the raw key in canonical base64; anything else is refused as bad input.
 */
export function keyArgument(arg: string): string {
  try {
    return memberKeyOf(arg);
  } catch (error) {
    if (!existsSync(arg)) {
      if (error instanceof LoupeError && /not Ed25519/.test(error.message)) throw error;
      throw new LoupeError('trust', 'InvalidInput', `'${arg}' is neither a public key (a raw 32-byte Ed25519 public key in base64, 44 characters, or one in PEM) nor a file holding one`);
    }
  }
  const text = readInputFile(arg, 'public key file', PUBLIC_KEY_FILE_MAX_BYTES).toString('utf8');
  try {
    return memberKeyOf(text);
  } catch (error) {
    throw new LoupeError('trust', 'InvalidInput', `the public key file '${arg}' holds no Ed25519 public key (${(error as Error).message})`);
  }
}

/** Who runs the command, for the list's "added by": --actor, else the user (the one behind sudo). */
export function commandLineActor(args: ParsedArgs): string {
  return textOption(args, 'actor') ?? process.env.SUDO_USER ?? userInfo().username;
}

/** One entry on one line: station id, what for, status, name, when and by whom. */
export function memberLine(m: TrustMember): string {
  const by = m.addedBy === null ? '' : ` by ${m.addedBy}`;
  const revoked = m.revokedAt === null ? '' : `, revoked ${m.revokedAt}`;
  return printable(`${m.station}  ${m.for.padEnd(9)} ${m.status.padEnd(7)}  ${m.name}  (added${by} ${m.addedAt}${revoked})`);
}

export function memberLines(members: readonly TrustMember[], empty: string): string {
  return members.map(memberLine).join('\n') || empty;
}
