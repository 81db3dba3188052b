// A software eMRTD chip: APDU bytes in, response bytes out, plus power on / off / reset and its
// ATR, so it can sit behind a vpcd TCP peer as well as serve the reader in memory in tests. It
// runs the card side of BAC, PACE (generic mapping and CAM), secure messaging, SELECT and READ
// BINARY (short, extended, odd INS B1), chip authentication and active authentication.
import { systemRandom, type RandomSource } from '../crypto/random-source';
import { CardBac, type CardSession } from './card-bac';
import { buildCardAtr } from './card-atr';
import { CardChipAuthentication } from './card-chip-authentication';
import { internalAuthenticate } from './card-active-authentication';
import { cardResponse, parseCardCommand, type CardCommand } from './card-command';
import { CardFileSystem, type CardAccessLevel, type CardAnswer } from './card-file-system';
import { CardPace } from './card-pace';
import { CardSecureMessaging } from './card-secure-messaging';
import type { VirtualChipConfig } from './virtual-chip-config';

interface Outcome {
  readonly answer: CardAnswer;
  /** Secure messaging to use from the next command on (after BAC, PACE, chip authentication). */
  readonly next?: { session: CardSession; level: CardAccessLevel };
}

export class VirtualChip {
  readonly atr: Uint8Array;
  private powered = false;
  private readonly random: RandomSource;
  private readonly files: CardFileSystem;
  private readonly bac: CardBac;
  private readonly pace: CardPace;
  private readonly ca: CardChipAuthentication | null;
  private sm: CardSecureMessaging | null = null;
  private level: CardAccessLevel = 'none';
  /** Every command received, for tests that check what the reader sent. */
  readonly log: Uint8Array[] = [];

  constructor(readonly config: VirtualChipConfig) {
    this.random = config.random ?? systemRandom;
    this.files = new CardFileSystem(config);
    this.bac = new CardBac(config.mrz, this.random);
    this.pace = new CardPace(config, this.random);
    this.ca = config.chipAuthentication ? new CardChipAuthentication(config.chipAuthentication) : null;
    const info = config.atrInfo !== undefined;
    this.atr = buildCardAtr({ extendedLength: config.extendedLength, extendedLengthInfo: info });
  }

  get isPowered(): boolean {
    return this.powered;
  }

  /** Power on: volatile state is lost, the master file is selected; returns the ATR. */
  powerOn(): Uint8Array {
    this.powered = true;
    this.clearSession();
    this.files.reset();
    this.pace.reset();
    return this.atr;
  }

  powerOff(): void {
    this.powered = false;
    this.clearSession();
  }

  reset(): Uint8Array {
    return this.powerOn();
  }

  /** One APDU; an unpowered chip gives no answer (empty bytes). */
  process(apdu: Uint8Array): Uint8Array {
    if (!this.powered) return new Uint8Array();
    this.log.push(new Uint8Array(apdu));
    const command = parseCardCommand(apdu);
    if (!command) return cardResponse(new Uint8Array(), 0x6700);
    if (command.extended && !this.config.extendedLength) return this.plainError(0x6700);
    const isProtected = (command.cla & 0x0c) === 0x0c;
    if (!this.sm) {
      if (isProtected) return cardResponse(new Uint8Array(), 0x6988);
      return this.apply(this.execute(command), null, command);
    }
    if (!isProtected) {
      // A plain command ends the protected session (ICAO 9303-11 §9.8.6.2).
      this.clearSession();
      return this.apply(this.execute(command), null, command);
    }
    const sm = this.sm;
    const plain = sm.unwrapCommand(command);
    if (!plain) return this.plainError(0x6988);
    const outcome = this.execute(plain);
    return this.apply(outcome, sm, plain);
  }

  private apply(outcome: Outcome, sm: CardSecureMessaging | null, command: CardCommand): Uint8Array {
    const { answer, next } = outcome;
    const bytes = sm ? sm.wrapResponse(answer.data, answer.sw, (command.ins & 1) === 1) : cardResponse(answer.data, answer.sw);
    if (next) {
      this.sm = new CardSecureMessaging(next.session.keys, next.session.ssc);
      this.level = next.level;
    }
    return bytes;
  }

  private plainError(sw: number): Uint8Array {
    this.clearSession();
    return cardResponse(new Uint8Array(), sw);
  }

  private clearSession(): void {
    this.sm = null;
    this.level = 'none';
  }

  private execute(cmd: CardCommand): Outcome {
    const inSm = this.sm !== null;
    switch (cmd.ins) {
      case 0xa4:
        return { answer: this.files.select(cmd) };
      case 0xb0:
      case 0xb1:
        return { answer: this.files.read(cmd, this.level) };
      case 0x84:
        if (!this.config.bac) return { answer: { data: new Uint8Array(), sw: 0x6d00 } };
        return { answer: this.bac.getChallenge(cmd.ne) };
      case 0x82: {
        if (!this.config.bac) return { answer: { data: new Uint8Array(), sw: 0x6d00 } };
        const r = this.bac.mutualAuthenticate(cmd.data);
        return r.session ? { answer: r.answer, next: { session: r.session, level: 'bac' } } : { answer: r.answer };
      }
      case 0x22:
        return this.manageSecurityEnvironment(cmd, inSm);
      case 0x86: {
        if (inSm && this.ca?.expectingGeneralAuthenticate) {
          const r = this.ca.generalAuthenticate(cmd.data);
          return r.next ? { answer: r.answer, next: { session: r.next, level: this.level } } : { answer: r.answer };
        }
        if (inSm) return { answer: { data: new Uint8Array(), sw: 0x6985 } };
        const r = this.pace.generalAuthenticate(cmd);
        return r.session ? { answer: r.answer, next: { session: r.session, level: 'pace' } } : { answer: r.answer };
      }
      case 0x88:
        if (!this.config.activeAuthentication) return { answer: { data: new Uint8Array(), sw: 0x6d00 } };
        if (this.level === 'none') return { answer: { data: new Uint8Array(), sw: 0x6982 } };
        return { answer: internalAuthenticate(this.config.activeAuthentication, cmd.data, this.random) };
      default:
        return { answer: { data: new Uint8Array(), sw: 0x6d00 } };
    }
  }

  private manageSecurityEnvironment(cmd: CardCommand, inSm: boolean): Outcome {
    const p1p2 = (cmd.p1 << 8) | cmd.p2;
    if (p1p2 === 0xc1a4 && !inSm) {
      if (this.config.pace.length === 0) return { answer: { data: new Uint8Array(), sw: 0x6a80 } };
      return { answer: this.pace.setAuthenticationTemplate(cmd.data) };
    }
    if (!this.ca || !inSm) return { answer: { data: new Uint8Array(), sw: 0x6a80 } };
    if (p1p2 === 0x41a4) return { answer: this.ca.setAuthenticationTemplate(cmd.data) };
    if (p1p2 === 0x41a6) {
      const r = this.ca.setKeyAgreementTemplate(cmd.data);
      return r.next ? { answer: r.answer, next: { session: r.next, level: this.level } } : { answer: r.answer };
    }
    return { answer: { data: new Uint8Array(), sw: 0x6a86 } };
  }
}

