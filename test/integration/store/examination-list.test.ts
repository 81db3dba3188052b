import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStationStore, type StationStore } from '../../../electron/store/index';
import { useTempDir } from '../../helpers/temp-dir';
import { OFFICER_A, OFFICER_B, makeExamination } from './fixtures/examination-fixture';

const dir = useTempDir('loupe-store-list-');
let store: StationStore;

beforeAll(() => {
  store = openStationStore(join(dir, 'data'));
  store.saveExamination(makeExamination({ id: 'a-uto', officer: OFFICER_A, createdAt: '2024-05-01T08:00:00.000Z', issuer: 'UTO', surname: 'ERIKSSON', documentNumber: 'L898902C3' }));
  store.saveExamination(makeExamination({ id: 'b-fra', officer: OFFICER_B, createdAt: '2024-05-02T08:00:00.000Z', issuer: 'FRA', surname: 'MARTIN', givenNames: 'CLAIRE', documentNumber: '12AB34567' }));
  store.saveExamination(makeExamination({ id: 'a-d', officer: OFFICER_A, createdAt: '2024-05-03T23:59:00.000Z', issuer: 'D', documentCode: 'ID', surname: 'MUSTERMANN', givenNames: 'ERIKA', documentNumber: 'T22000129', layerStatus: 'fail' }));
});
afterAll(() => store.close());

const ids = (viewer: typeof OFFICER_A | null, query: Parameters<StationStore['listExaminations']>[0] = {}) =>
  store.listExaminations(query, viewer).map((s) => s.id);

describe('listExaminations', () => {
  it('lists newest first with the suggested status from the layered verdict', () => {
    const list = store.listExaminations({}, OFFICER_A);
    expect(list.map((s) => s.id)).toEqual(['a-d', 'b-fra', 'a-uto']);
    expect(list.map((s) => s.suggested)).toEqual(['fail', 'pass', 'pass']);
    expect(list[0]?.document).toEqual({ format: 'TD3', documentCode: 'ID', issuer: 'D' });
    expect(ids(OFFICER_A, { limit: 2 })).toEqual(['a-d', 'b-fra']);
  });

  it('shows the holder only to the officer who ran the examination', () => {
    const byId = (viewer: typeof OFFICER_A | null) => Object.fromEntries(store.listExaminations({}, viewer).map((s) => [s.id, s.holder]));
    expect(byId(OFFICER_A)).toEqual({ 'a-uto': 'ERIKSSON, ANNA MARIA', 'b-fra': null, 'a-d': 'MUSTERMANN, ERIKA' });
    expect(byId(OFFICER_B)).toEqual({ 'a-uto': null, 'b-fra': 'MARTIN, CLAIRE', 'a-d': null });
    expect(byId(null)).toEqual({ 'a-uto': null, 'b-fra': null, 'a-d': null });
    // Same badge is the identity, not the display name.
    expect(byId({ name: 'Someone Else', badge: OFFICER_A.badge })['a-uto']).toBe('ERIKSSON, ANNA MARIA');
  });

  it('matches holder name and document number only in the viewer’s own examinations', () => {
    expect(ids(OFFICER_A, { text: 'eriksson' })).toEqual(['a-uto']);
    expect(ids(OFFICER_B, { text: 'eriksson' })).toEqual([]);
    expect(ids(null, { text: 'eriksson' })).toEqual([]);
    expect(ids(OFFICER_B, { text: '12ab34' })).toEqual(['b-fra']);
    expect(ids(OFFICER_A, { text: '12ab34' })).toEqual([]);
  });

  it('matches issuer, document type and format for everyone', () => {
    expect(ids(OFFICER_B, { text: 'uto' })).toEqual(['a-uto']);
    expect(ids(null, { text: 'ID' })).toEqual(['a-d']);
    expect(ids(OFFICER_B, { text: 'td3' })).toEqual(['a-d', 'b-fra', 'a-uto']);
    expect(ids(OFFICER_A, { text: '%' })).toEqual([]); // literal, not a LIKE wildcard
  });

  it('filters by date range (a bare "to" date includes that whole day) and decision', () => {
    expect(ids(null, { from: '2024-05-02' })).toEqual(['a-d', 'b-fra']);
    expect(ids(null, { to: '2024-05-03' })).toEqual(['a-d', 'b-fra', 'a-uto']);
    expect(ids(null, { from: '2024-05-02', to: '2024-05-02' })).toEqual(['b-fra']);
    expect(ids(null, { decision: 'genuine' })).toEqual([]);
  });
});
