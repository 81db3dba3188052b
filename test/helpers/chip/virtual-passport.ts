// A complete software passport for end-to-end tests: the specimen tool's passport (see
// electron/specimens/virtual-card/specimen-passport.ts) with the real face of the BSI 2008 test
// chip in DG2 and EF.SOD signed under a test-time PKI.
import { specimenPassport, type AaSpec, type CaSpec, type PaceSpec, type VirtualPassport } from '../../../electron/specimens/virtual-card/specimen-passport';
import type { Certificate } from '../../../electron/chip/pki/x509-certificate';
import { bsi2008 } from './chip-samples';
import { issueCertificate, makeKey, name, selfSigned, utc, type TestKey } from './test-pki';

export { ERIKSSON } from '../../../electron/specimens/virtual-card/specimen-passport';
export type { AaSpec, CaSpec, VirtualPassport } from '../../../electron/specimens/virtual-card/specimen-passport';

export interface PassportPki {
  readonly cscaKey: TestKey;
  readonly csca: Certificate;
  readonly dsKey: TestKey;
  readonly ds: Certificate;
}

export function passportPki(): PassportPki {
  const cscaKey = makeKey('p256');
  const csca = selfSigned(name({ C: 'UT', O: 'Utopia', CN: 'CSCA Utopia' }), cscaKey, 1n, utc(2020, 1, 1), utc(2040, 1, 1));
  const dsKey = makeKey('p256');
  const ds = issueCertificate({ subject: name({ C: 'UT', CN: 'DS Utopia' }), issuer: csca.subject.encoded, subjectKey: dsKey, issuerKey: cscaKey, serial: 42n, notBefore: utc(2024, 1, 1), notAfter: utc(2036, 1, 1), ca: false });
  return { cscaKey, csca, dsKey, ds };
}

export interface PassportSpec {
  readonly pki: PassportPki;
  readonly pace?: readonly PaceSpec[];
  readonly ca?: CaSpec;
  readonly aa?: AaSpec;
  /** Signs DG14/DG15 with keys other than the chip's (a clone with copied files). */
  readonly cloneKeys?: boolean;
  readonly extendedLength?: boolean;
}

export function virtualPassport(spec: PassportSpec): VirtualPassport {
  const { pki, ...rest } = spec;
  return specimenPassport({ ...rest, signer: { certificate: pki.ds, key: pki.dsKey }, dg2: bsi2008('Datagroup2') });
}
