// The withdrawal marker of expert alerts (a last week before the week published) across a year
// boundary, and what counts as a replacement that says the same.
import { describe, expect, it } from 'vitest';
import { sameAlert, withdrawalOf } from '../../../electron/trends/alert-revision';
import { isWithdrawal } from '../../../electron/trends/alert-standing';
import { makeAlert } from '../../helpers/hub-alerts';

const STATION = '0123456789abcdef';

describe('alert withdrawals', () => {
  it('marks a withdrawal by its weeks, also over the turn of a 53-week year', () => {
    expect(isWithdrawal({ week: '2026-W45', validUntilWeek: null })).toBe(false);
    expect(isWithdrawal({ week: '2026-W45', validUntilWeek: '2026-W45' })).toBe(false);
    expect(isWithdrawal({ week: '2026-W45', validUntilWeek: '2026-W44' })).toBe(true);
    const alert = makeAlert(STATION, { week: '2026-W50', hotspots: [{ light: 'uv', x: 1, y: 2, w: 3, h: 4, label: 'UV emblem' }], withCrop: true });
    const withdrawal = withdrawalOf(alert, '2027-W01');
    expect(withdrawal).toMatchObject({ week: '2027-W01', validUntilWeek: '2026-W53', supersedes: alert.id, station: STATION, title: alert.title, hotspots: [], crops: [] });
    expect(isWithdrawal(withdrawal)).toBe(true);
  });

  it('treats a replacement as the same alert when only the week differs', () => {
    const alert = makeAlert(STATION, { week: '2026-W40' });
    const { id: _id, ...content } = alert;
    expect(sameAlert({ ...content, week: '2026-W45', supersedes: alert.id }, alert)).toBe(true);
    expect(sameAlert({ ...content, week: '2026-W45', supersedes: alert.id, validUntilWeek: '2026-W50' }, alert)).toBe(false);
    expect(sameAlert({ ...content, supersedes: alert.id, title: `${alert.title}!` }, alert)).toBe(false);
  });
});
