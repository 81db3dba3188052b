// Privacy at the hub: a record carrying any field outside the strict schema — a name, a document
// number, a date of birth, MRZ text, a portrait — is refused with its bundle, and everything the hub
// stores and serves (stored content, pulled bundles, dashboard JSON, CSV) holds only schema fields.
import { describe, expect, it } from 'vitest';
import { TrendRecordSchema } from '../../../electron/contract/trends.contract';
import { decodeBundle } from '../../../electron/exchange/bundle-codec';
import { BundleError } from '../../../electron/exchange/bundle-codec';
import { ingestBundle } from '../../../electron/hub/hub-ingest';
import { recordPage, writeRecordsCsv } from '../../../electron/hub/hub-queries';
import { signedBundleOfLines } from '../../helpers/hostile-bundles';
import { STORE_KINDS, useHubStores } from '../../helpers/hub-stores';
import { makeRecord, newIdentity, recordBundle } from '../../helpers/trend-fixtures';

const PERSONAL_FIELDS: Record<string, unknown> = {
  name: 'ERIKSSON',
  givenNames: 'ANNA MARIA',
  documentNumber: 'L898902C3',
  dateOfBirth: '1974-08-12',
  personalNumber: 'ZE184226B',
  mrz: 'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<',
  portrait: 'iVBORw0KGgo=',
};
const RECORD_KEYS = Object.keys(TrendRecordSchema.shape).sort();
const REQUIRED_KEYS = RECORD_KEYS.filter((k) => !TrendRecordSchema.shape[k as keyof typeof TrendRecordSchema.shape].safeParse(undefined).success);

describe.each(STORE_KINDS)('hub privacy on %s', (kind) => {
  const open = useHubStores(kind);

  it('refuses every record with a personal field, and stores and serves only schema fields', async () => {
    const station = newIdentity();
    const store = await open();
    await store.addTrust(station.publicKey, 'Batrovci', 'admin');
    const before = await store.tableCounts();
    for (const [field, value] of Object.entries(PERSONAL_FIELDS)) {
      const base = makeRecord(station.station, 1);
      for (const record of [{ ...base, [field]: value }, { ...base, context: { ...base.context, [field]: value } }]) {
        const error = await ingestBundle(store, signedBundleOfLines(station, [{ type: 'record', record }]), station.station).catch((e: unknown) => e);
        expect(error, field).toBeInstanceOf(BundleError);
        expect((error as BundleError).fault).toBe('refused-lines');
      }
    }
    expect(await store.tableCounts()).toEqual(before);

    const stored = await ingestBundle(store, recordBundle(station, 0, 20), station.station);
    const rows = await store.query<{ content: string }>('SELECT content FROM hub_records');
    for (const row of rows) {
      const keys = Object.keys(JSON.parse(row.content));
      // Only schema fields; every required one present (optional ones such as `occurrence` may be absent).
      expect(keys.filter((k) => !RECORD_KEYS.includes(k))).toEqual([]);
      expect(REQUIRED_KEYS.filter((k) => !keys.includes(k))).toEqual([]);
    }
    // What a station pulls decodes strictly again.
    const pulled = decodeBundle((await store.bundleBytes(stored.sha256))!, (s) => (s === station.station ? station.publicKey : undefined));
    expect(pulled.refused).toEqual([]);
    // Drill-down and CSV expose a fixed list of non-personal columns.
    const [first] = await recordPage(store, {}, 1);
    expect(Object.keys(first!).sort()).toEqual(['caughtBy', 'country', 'documentType', 'fraudType', 'id', 'issuer', 'pointOfEntry', 'revealedBy', 'series', 'station', 'week']);
    let csv = '';
    await writeRecordsCsv(store, {}, (c) => {
      csv += c;
    });
    expect(csv.split('\r\n')[0]).toBe('id,week,station,country,issuer,documentType,series,fraudType,pointOfEntry,caughtBy,revealedBy');
  });
});
