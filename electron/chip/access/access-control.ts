// Access to the eMRTD application (ICAO 9303-11 §4.2): runs the planned protocol and selects the
// application — PACE at the master file then SELECT under secure messaging, or SELECT then BAC —
// and returns the protected channel with the record of what ran and why. If PACE fails for a
// reason other than the access data, BAC follows only when the plan allows it, and the record
// says so.
import type { AccessChoice } from '../../contract/chip.contract';
import type { ApduTransport } from '../apdu/apdu-transport';
import { SW, swText } from '../apdu/status-words';
import { ChipError } from '../chip-error';
import type { AccessKey, MrzAccessKey } from '../crypto/access-key';
import { systemRandom, type RandomSource } from '../crypto/random-source';
import type { SessionKeys } from '../crypto/key-derivation';
import { EMRTD_AID } from '../lds/lds-files';
import { PlainChannel, SecureChannel, type ChipChannel } from '../sm/chip-channel';
import { SecureMessaging } from '../sm/secure-messaging';
import type { AccessPlan } from './access-plan';
import { BacProtocol } from './bac-protocol';
import { PaceProtocol, randomPrivateKeys, type PaceResult, type PrivateKeySource } from './pace-protocol';

export interface AccessResult {
  readonly choice: AccessChoice;
  readonly channel: SecureChannel;
  readonly keys: SessionKeys;
  /** The PACE run's result (for PACE-CAM's chip authentication data), null after BAC. */
  readonly pace: PaceResult | null;
}

export interface AccessControlOptions {
  readonly random?: RandomSource;
  readonly privateKeys?: PrivateKeySource;
}

const SELECT_EMRTD = { cla: 0x00, ins: 0xa4, p1: 0x04, p2: 0x0c, data: EMRTD_AID } as const;

export class AccessControl {
  constructor(
    private readonly transport: ApduTransport,
    private readonly plan: AccessPlan,
    private readonly key: AccessKey,
    private readonly options: AccessControlOptions = {},
  ) {}

  async run(): Promise<AccessResult> {
    const plan = this.plan;
    switch (plan.protocol) {
      case 'none':
        throw new ChipError('UnsupportedProtocol', plan.reason);
      case 'BAC':
        return this.runBac(plan.choice);
      case 'PACE':
      case 'PACE-CAM':
        try {
          return await this.runPace(plan);
        } catch (e) {
          if (!plan.bacFallback || !(e instanceof ChipError) || (e.kind !== 'UnsupportedProtocol' && e.kind !== 'CommandFailed')) throw e;
          return this.runBac({
            protocol: 'BAC',
            reason: 'pace-failed-bac-allowed',
            paceOid: plan.info.oid,
            detail: `PACE failed (${e.message}); basic access control was used instead.`,
            passwordType: 'MRZ',
          });
        }
    }
  }

  private async runPace(plan: Extract<AccessPlan, { protocol: 'PACE' | 'PACE-CAM' }>): Promise<AccessResult> {
    const random = this.options.random ?? systemRandom;
    const pace = await new PaceProtocol(new PlainChannel(this.transport), {
      key: this.key,
      algorithm: plan.algorithm,
      domain: plan.domain,
      parameterId: plan.info.parameterId,
      privateKeys: this.options.privateKeys ?? randomPrivateKeys(random),
    }).run();
    const channel = new SecureChannel(this.transport, new SecureMessaging(pace.keys, pace.ssc));
    await selectApplication(channel);
    return Object.freeze({ choice: plan.choice, channel, keys: pace.keys, pace });
  }

  private async runBac(choice: AccessChoice): Promise<AccessResult> {
    if (this.key.kind !== 'MRZ') throw new ChipError('UnsupportedProtocol', 'Basic access control needs the MRZ, not the CAN.');
    const plain = new PlainChannel(this.transport);
    await selectApplication(plain);
    const bac = await new BacProtocol(plain, this.key as MrzAccessKey, this.options.random ?? systemRandom).run();
    const channel = new SecureChannel(this.transport, new SecureMessaging(bac.keys, bac.ssc));
    return Object.freeze({ choice, channel, keys: bac.keys, pace: null });
  }
}

/** SELECT the eMRTD application by its AID (9303-10 §3.6.1). */
export async function selectApplication(channel: ChipChannel): Promise<void> {
  const r = await channel.send(SELECT_EMRTD);
  if (r.sw === SW.FILE_NOT_FOUND) throw new ChipError('UnsupportedProtocol', 'The chip has no eMRTD application.', r.sw);
  if (r.sw !== SW.OK) throw new ChipError('CommandFailed', `The chip refused to select the eMRTD application (status ${swText(r.sw)}).`, r.sw);
}
