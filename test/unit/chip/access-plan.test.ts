// The access protocol is chosen from EF.CardAccess with the reason recorded, never silently.
import { describe, expect, it } from 'vitest';
import { planAccess } from '../../../electron/chip/access/access-plan';
import type { SecurityInfo } from '../../../electron/chip/lds/security-infos.codec';

const MRZ = { kind: 'MRZ', documentNumber: 'T22000129', dateOfBirth: '640812', dateOfExpiry: '101031' } as const;
const CAN = { kind: 'CAN', can: '123456' } as const;
const pace = (oid: string, parameterId: number | null): SecurityInfo => ({ type: 'PACEInfo', oid, version: 2, parameterId });

describe('planAccess', () => {
  it('uses BAC when the chip has no EF.CardAccess, and says why', () => {
    const plan = planAccess(null, MRZ);
    expect(plan.protocol).toBe('BAC');
    if (plan.protocol === 'BAC') expect(plan.choice).toMatchObject({ reason: 'no-card-access', passwordType: 'MRZ' });
  });

  it('prefers chip authentication mapping, then ECDH, then the stronger cipher', () => {
    const infos = [pace('0.4.0.127.0.7.2.2.4.1.2', 0), pace('0.4.0.127.0.7.2.2.4.2.2', 13), pace('0.4.0.127.0.7.2.2.4.2.4', 13), pace('0.4.0.127.0.7.2.2.4.6.2', 12)];
    const plan = planAccess(infos, MRZ);
    expect(plan.protocol).toBe('PACE-CAM');
    if (plan.protocol === 'PACE-CAM') {
      expect(plan.choice).toMatchObject({ reason: 'pace-offered', paceOid: '0.4.0.127.0.7.2.2.4.6.2' });
      expect(plan.domain.name).toBe('secp256r1');
      expect(plan.bacFallback).toBe(true);
    }
    const gm = planAccess(infos.slice(0, 3), CAN);
    expect(gm.protocol === 'PACE' && gm.algorithm.cipher).toBe('AES-256');
    expect(gm.protocol === 'PACE' && gm.bacFallback).toBe(false);
  });

  it('falls back to BAC with the reason when PACE parameters are unsupported, and refuses with a CAN', () => {
    const infos = [pace('0.4.0.127.0.7.2.2.4.4.2', 13), pace('0.4.0.127.0.7.2.2.4.2.2', 40)];
    const plan = planAccess(infos, MRZ);
    expect(plan.protocol).toBe('BAC');
    if (plan.protocol === 'BAC') {
      expect(plan.choice.reason).toBe('pace-unsupported-parameters');
      expect(plan.choice.detail).toContain('0.4.0.127.0.7.2.2.4.4.2');
    }
    expect(planAccess(infos, CAN).protocol).toBe('none');
    expect(planAccess([], MRZ, { allowBac: false }).protocol).toBe('none');
  });
});
