import { describe, expect, it } from 'vitest';
import { CHECK_IDS } from '../../../electron/checks/check-ids';
import { LoupeError } from '../../../electron/common/loupe-error';
import { FORGERY_KINDS } from '../../../electron/contract/specimen.contract';
import { BASE_EXPECTED_CHECKS, checkForgery, exclusiveCodes, otherSeriesPair, resolveForgeryKind, unsupportedReason } from '../../../electron/specimens/forgery-kinds';
import { designById, SPECIMEN_DESIGNS } from '../../../electron/specimens';

describe('forgery kinds', () => {
  it('parses the option: every kind, any, and a clear error otherwise', () => {
    for (const kind of FORGERY_KINDS) expect(checkForgery(kind)).toBe(kind);
    expect(checkForgery('any')).toBe('any');
    expect(() => checkForgery('photocopy')).toThrow(LoupeError);
    expect(() => checkForgery('photocopy')).toThrow(/unknown forgery 'photocopy' \(expected any, ordinary-paper/);
  });

  it('expects only known check ids, at least one per kind', () => {
    const known = new Set<string>(Object.values(CHECK_IDS));
    for (const kind of FORGERY_KINDS) {
      expect(BASE_EXPECTED_CHECKS[kind].length, kind).toBeGreaterThan(0);
      for (const id of BASE_EXPECTED_CHECKS[kind]) expect(known.has(id), `${kind}: ${id}`).toBe(true);
    }
  });

  it('pairs the TD3 designs for other-series through a document code only the claimed one uses', () => {
    for (const id of ['aurora-td3', 'meridian-td3']) {
      const pair = otherSeriesPair(designById(id));
      expect(pair?.claimed.id).toBe('aurora-td3');
      expect(pair?.page.id).toBe('meridian-td3');
    }
    expect(exclusiveCodes(designById('aurora-td3'), designById('meridian-td3'))).toEqual(['PO', 'PS']);
    for (const d of SPECIMEN_DESIGNS.filter((x) => x.format !== 'TD3')) expect(unsupportedReason('other-series', d)).toMatch(/needs two/);
  });

  it("resolves 'any' to the kinds a design supports, index by index", () => {
    const td1 = designById('harbor-td1');
    const kinds = Array.from({ length: 7 }, (_, i) => resolveForgeryKind('any', td1, i));
    expect(new Set(kinds).size).toBe(7);
    expect(kinds).not.toContain('other-series');
    expect(Array.from({ length: 8 }, (_, i) => resolveForgeryKind('any', designById('aurora-td3'), i))).toEqual([...FORGERY_KINDS]);
    expect(() => resolveForgeryKind('other-series', td1, 0)).toThrow(LoupeError);
    expect(resolveForgeryKind('mrz-alteration', td1, 3)).toBe('mrz-alteration');
  });
});
