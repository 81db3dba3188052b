// Chip evidence made as the examination will make it: a software passport read end to end in memory
// (ChipReader over the virtual chip), then active and chip authentication as the chip offers them,
// each with what it sent and received kept; and a station key to sign packages with.
import { generateKeyPairSync } from 'node:crypto';
import { ActiveAuthenticationProtocol } from '../../../electron/chip/auth/active-authentication';
import { ChipAuthenticationProtocol } from '../../../electron/chip/auth/chip-authentication';
import { chipEvidence, type ChipEvidence } from '../../../electron/chip/evidence/chip-evidence';
import { decodeDg14 } from '../../../electron/chip/lds/dg14-security-options.codec';
import { decodeDg15 } from '../../../electron/chip/lds/dg15-active-authentication.codec';
import { ChipReader } from '../../../electron/chip/reader/chip-reader';
import { VirtualChip } from '../../../electron/chip/virtual/virtual-chip';
import { VirtualChipTransport } from '../../../electron/chip/virtual/virtual-chip-transport';
import { identityFromPrivateKey, type StationIdentity } from '../../../electron/trust/station-identity';
import type { Issued } from './csca-fixtures';
import { ERIKSSON, virtualPassport, type PassportPki, type PassportSpec } from './virtual-passport';

/** The passport PKI of a CSCA and document signer made with csca-fixtures. */
export function pkiOf(csca: Issued, ds: Issued): PassportPki {
  return { cscaKey: csca.key, csca: csca.certificate, dsKey: ds.key, ds: ds.certificate };
}

/** Reads the passport of `spec` and runs the clone checks it offers; the evidence of all of it. */
export async function readEvidence(spec: PassportSpec, readAt = new Date('2026-03-02T09:30:00.000Z')): Promise<ChipEvidence> {
  const passport = virtualPassport(spec);
  const chip = new VirtualChip(passport.config);
  const transport = new VirtualChipTransport(chip);
  const reading = await new ChipReader({ key: ERIKSSON, atr: chip.atr }).read(transport);
  const dg14 = reading.files.get('DG14');
  const infos = dg14 ? decodeDg14(dg14) : undefined;
  const chipAuthentication = spec.ca ? await new ChipAuthenticationProtocol(transport, reading.channel, infos ?? []).run() : null;
  const dg15 = reading.files.get('DG15');
  // After a failed chip authentication the session is gone: active authentication is not run then.
  const channel = chipAuthentication ? chipAuthentication.channel : reading.channel;
  const activeAuthentication = spec.aa && dg15 && channel ? await new ActiveAuthenticationProtocol(channel, decodeDg15(dg15), { securityInfos: infos, extendedLength: spec.extendedLength }).run() : null;
  return chipEvidence({ reading, readAt, activeAuthentication, chipAuthentication });
}

export function testStation(): StationIdentity {
  return identityFromPrivateKey(generateKeyPairSync('ed25519').privateKey);
}
