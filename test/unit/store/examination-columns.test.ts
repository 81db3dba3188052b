import { describe, expect, it } from 'vitest';
import { holderName, suggestedStatus, toColumns } from '../../../electron/store/examination-columns';
import { buildListQuery, MAX_LIST_LIMIT } from '../../../electron/store/examination-list-query';
import { isImageHash } from '../../../electron/store/image-files';
import { OFFICER_A, makeExamination } from '../../integration/store/fixtures/examination-fixture';

describe('suggestedStatus', () => {
  const layer = (status: 'pass' | 'fail' | 'warn' | 'not-performed') => ({ layer: 'physical' as const, status, summary: '' });

  it('lets a failing layer outweigh warnings and passes', () => {
    expect(suggestedStatus([layer('pass'), layer('warn'), layer('fail')])).toBe('fail');
    expect(suggestedStatus([layer('pass'), layer('warn'), layer('not-performed')])).toBe('warn');
    expect(suggestedStatus([layer('pass'), layer('not-performed')])).toBe('pass');
  });

  it('suggests nothing when no layer was performed', () => {
    expect(suggestedStatus([])).toBe('not-performed');
    expect(suggestedStatus([layer('not-performed')])).toBe('not-performed');
  });
});

describe('toColumns', () => {
  it('derives the searchable columns from the document', () => {
    const columns = toColumns(makeExamination({ id: 'e9', officer: OFFICER_A, issuer: 'UTO', surname: 'ERIKSSON', givenNames: 'ANNA MARIA' }));
    expect(columns).toMatchObject({
      id: 'e9',
      officer_badge: OFFICER_A.badge,
      issuer: 'UTO',
      document_code: 'P',
      format: 'TD3',
      holder_name: 'ERIKSSON, ANNA MARIA',
      document_number: 'L898902C3',
      suggested: 'pass',
      decision: null,
    });
    expect(JSON.parse(columns.body).id).toBe('e9');
  });

  it('has no holder when the MRZ was not read', () => {
    expect(holderName({ ...makeExamination(), mrz: null })).toBeNull();
    expect(holderName(makeExamination({ surname: 'ONLYNAME', givenNames: '' }))).toBe('ONLYNAME');
  });
});

describe('buildListQuery', () => {
  it('clamps the limit and binds the officer text as a parameter, never into the SQL', () => {
    const { sql, params } = buildListQuery({ text: "x' OR 1=1 --", limit: 10_000 }, null);
    expect(params.limit).toBe(MAX_LIST_LIMIT);
    expect(params.text).toBe("x' or 1=1 --");
    expect(sql).not.toContain('1=1');
    expect(buildListQuery({ limit: 0 }, OFFICER_A).params.limit).toBe(1);
  });
});

describe('isImageHash', () => {
  it('accepts only 64 lowercase hex characters', () => {
    expect(isImageHash('0'.repeat(64))).toBe(true);
    expect(isImageHash('../../etc/passwd')).toBe(false);
    expect(isImageHash('F'.repeat(64))).toBe(false);
    expect(isImageHash('0'.repeat(63))).toBe(false);
  });
});
