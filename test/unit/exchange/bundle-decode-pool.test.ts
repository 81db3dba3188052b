// Decoding in a worker thread gives exactly what decoding in-thread gives — the same items, the same
// refused lines with the same reasons, the same faults for hostile payloads — and a worker that
// crashes or exits mid-bundle ends the decode with a clear BundleError instead of hanging.
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import type { BundleItem } from '../../../electron/contract/trends.contract';
import { BUNDLE_LIMITS, BundleError, decodeBundle } from '../../../electron/exchange/bundle-codec';
import { BundleDecodePool, decodeBundleAsync, startBundleDecode, startBundleDecodeSync, type DecodeSession, type DecodeStep } from '../../../electron/exchange/bundle-decode-pool';
import { decompressionBomb, signedBundleOfLines, signedBundleWithPayload } from '../../helpers/hostile-bundles';
import { bundleOf, makeAlertItem, makeRecord, newIdentity, recordItem } from '../../helpers/trend-fixtures';

const station = newIdentity();
const trust = (id: string) => (id === station.station ? station.publicKey : undefined);
const pool = new BundleDecodePool(1);
afterAll(() => pool.close());

/** Valid records, an alert, a record repeated, a line whose id does not match, an extra field, an empty line. */
function mixedLines(count: number): unknown[] {
  const lines: unknown[] = [];
  for (let i = 0; i < count; i++) lines.push(recordItem(makeRecord(station.station, i, { issuer: i % 7 === 0 ? null : 'UTO', series: i % 5 === 0 ? null : '2019', caughtBy: ['b900', 'uv-dullness'] })));
  const first = lines[0] as { record: object };
  lines.splice(3, 0, makeAlertItem(station.station, 1));
  lines.splice(40, 0, first);
  lines.splice(70, 0, { type: 'record', record: { ...first.record, week: '2026-W41' } });
  lines.splice(90, 0, { type: 'record', record: { ...first.record, holderName: 'ERIKSSON' } });
  return lines;
}

function withEmptyLine(bundleLines: unknown[]): Buffer {
  const text = `${bundleLines.map((l, i) => (i === 50 ? `\n${JSON.stringify(l)}` : JSON.stringify(l))).join('\n')}\n`;
  const raw = Buffer.from(text, 'utf8');
  return signedBundleWithPayload(station, gzipSync(raw), raw.length, { records: 0, alerts: 0 });
}

async function faultOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof BundleError) return e.fault;
    throw e;
  }
  return 'no error';
}

/** Everything a session yields, in a comparable form. */
function drainSync(session: DecodeSession): unknown[] {
  const out: unknown[] = [];
  try {
    for (let step = session.nextSync(); ; step = session.nextSync()) {
      out.push(project(step, session));
      if (step.type === 'end') return out;
    }
  } finally {
    session.close();
  }
}

async function drain(session: DecodeSession): Promise<unknown[]> {
  const out: unknown[] = [];
  try {
    for (let step = await session.next(); ; step = await session.next()) {
      out.push(project(step, session));
      if (step.type === 'end') return out;
    }
  } finally {
    session.close();
  }
}

function project(step: DecodeStep, session: DecodeSession): unknown {
  if (step.type === 'end') return step.summary;
  const { rows, chunk } = step;
  const records = Array.from({ length: rows.count }, (_, i) => ({
    id: rows.id(i),
    line: rows.line(i),
    json: rows.json(i),
    issuer: rows.field(i, 'issuer'),
    series: rows.field(i, 'series'),
    checks: Array.from(rows.block.checks.subarray(rows.block.checkStart[i], rows.block.checkStart[i + 1])).map((c) => (c >= 0 ? `+${session.dictionary[c]}` : `-${session.dictionary[-c - 1]}`)),
  }));
  return { records, copy: rows.block.copy, alerts: chunk.alerts, refused: chunk.refused, repeats: chunk.repeats };
}

describe('bundle decoding off the main thread', () => {
  const file = withEmptyLine(mixedLines(300));

  it('gives the same result in a worker as in-thread: items, refused lines and their reasons', async () => {
    const here = decodeBundle(file, trust);
    expect(here.items.length).toBe(302);
    expect(here.refused.map((r) => r.line)).toEqual([72, 92]);
    const there = await decodeBundleAsync(file, trust, BUNDLE_LIMITS, { worker: 'always', chunkRecords: 64 });
    expect(there).toEqual(here);
  });

  it('streams the same chunks from a worker (sync and async) as in-thread, with records in the copy layout too', async () => {
    const options = { chunkRecords: 64, layout: 'copy' as const };
    const inThread = drainSync(startBundleDecodeSync(file, trust, BUNDLE_LIMITS, { ...options, worker: 'never' }, pool));
    const sync = startBundleDecodeSync(file, trust, BUNDLE_LIMITS, { ...options, worker: 'always' }, pool);
    expect(sync.inWorker).toBe(true);
    expect(drainSync(sync)).toEqual(inThread);
    const viaAwait = await startBundleDecode(file, trust, BUNDLE_LIMITS, { ...options, worker: 'always' }, pool);
    expect(viaAwait.inWorker).toBe(true);
    expect(await drain(viaAwait)).toEqual(inThread);
    expect(inThread.length).toBe(6);
    expect(inThread[5]).toEqual({ lines: 305, records: 301, alerts: 1 });
  });

  it('writes COPY text lines that read back to each record’s columns and stored JSON, escapes included', async () => {
    const notes = ['back\\slash and "quotes"', 'tab\there', 'two\nlines\r\n', 'Ünïcödé ✓ \u2028', null];
    const records = notes.map((n, i) => makeRecord(station.station, i, { notes: n, issuer: i === 4 ? null : 'UTO', series: i === 3 ? null : '2019' }));
    const unescape = (v: string) => (v === '\\N' ? null : v.replace(/\\(.)/g, (_, c: string) => ({ t: '\t', n: '\n', r: '\r' })[c] ?? c));
    for (const worker of ['never', 'always'] as const) {
      const session = await startBundleDecode(bundleOf(station, records.map(recordItem)), trust, BUNDLE_LIMITS, { worker, layout: 'copy' }, pool);
      const step = await session.next();
      session.close();
      if (step.type !== 'chunk') throw new Error('expected a chunk');
      const lines = Buffer.from(step.rows.block.copy!).toString('utf8').split('\n');
      expect(lines.pop()).toBe('');
      expect(lines.map((l) => l.split('\t').map(unescape))).toEqual(
        records.map((r, i) => [r.id, r.station, r.country, r.issuer, r.documentType, r.series, r.fraudType, r.week, r.context.pointOfEntry, step.rows.json(i)]),
      );
      expect(lines.map((l) => JSON.parse(unescape(l.split('\t')[9]!)!).notes)).toEqual(notes);
    }
  });

  it('refuses hostile payloads with the same fault in a worker as in-thread', async () => {
    const raw = Buffer.from(`${JSON.stringify(recordItem(makeRecord(station.station, 1)))}\n`);
    const cases: [string, Buffer][] = [
      ['decompression bomb', decompressionBomb(station)],
      ['not gzip', signedBundleWithPayload(station, Buffer.from('definitely not gzip'), 100)],
      ['inflates short of its declared size', signedBundleWithPayload(station, gzipSync(raw), raw.length + 10)],
      ['gzip cut short', signedBundleWithPayload(station, gzipSync(raw).subarray(0, 20), raw.length)],
    ];
    for (const [what, bytes] of cases) {
      const here = await faultOf(Promise.resolve().then(() => decodeBundle(bytes, trust)));
      const there = await faultOf(decodeBundleAsync(bytes, trust, BUNDLE_LIMITS, { worker: 'always' }));
      expect({ what, there }).toEqual({ what, there: here });
      expect(here).not.toBe('no error');
    }
  });

  it('applies the line limits identically when lines arrive in pieces', async () => {
    const big = 'x'.repeat(300_000);
    const lines = [recordItem(makeRecord(station.station, 1, { notes: null })), { type: 'record', record: { note: big } }, recordItem(makeRecord(station.station, 2)), recordItem(makeRecord(station.station, 3))];
    const bytes = signedBundleOfLines(station, lines);
    const limits = { ...BUNDLE_LIMITS, maxLineBytes: 100_000, maxItems: 3 };
    const here = decodeBundle(bytes, trust, limits);
    expect(here.refused).toEqual([
      { line: 2, reason: expect.stringMatching(/^line of 300\d+ bytes exceeds 100000$/) },
      { line: 4, reason: 'more than 3 lines; the rest is ignored' },
    ]);
    expect(await decodeBundleAsync(bytes, trust, limits, { worker: 'always' })).toEqual(here);
  });

  it('ends with a clear BundleError when the worker throws or its thread exits mid-bundle, and decodes again afterwards', async () => {
    const bytes = bundleOf(station, Array.from({ length: 2000 }, (_, i) => recordItem(makeRecord(station.station, i))));
    for (const how of ['throw', 'exit'] as const) {
      const sync = startBundleDecodeSync(bytes, trust, BUNDLE_LIMITS, { worker: 'always', chunkRecords: 100, testFault: { atLine: 1000, how } }, pool);
      expect(() => drainSync(sync)).toThrow(expect.objectContaining({ fault: 'decode-failed', message: expect.stringMatching(/could not be decoded.*nothing was imported/) }));
      const viaAwait = await startBundleDecode(bytes, trust, BUNDLE_LIMITS, { worker: 'always', chunkRecords: 100, testFault: { atLine: 1000, how } }, pool);
      expect(await faultOf(drain(viaAwait))).toBe('decode-failed');
    }
    const healthy = await startBundleDecode(bytes, trust, BUNDLE_LIMITS, { worker: 'always' }, pool);
    expect(healthy.inWorker).toBe(true);
    expect((await drain(healthy)).at(-1)).toEqual({ lines: 2001, records: 2000, alerts: 0 }); // and the proof of origin
  });

  it('decodes small bundles in-thread unless told otherwise', () => {
    const small = bundleOf(station, [recordItem(makeRecord(station.station, 1)), makeAlertItem(station.station, 2)] as BundleItem[]);
    expect(startBundleDecodeSync(small, trust, BUNDLE_LIMITS, {}, pool).inWorker).toBe(false);
    const forced = startBundleDecodeSync(small, trust, BUNDLE_LIMITS, { worker: 'always' }, pool);
    expect(forced.inWorker).toBe(true);
    expect(drainSync(forced).at(-1)).toEqual({ lines: 3, records: 1, alerts: 1 });
  });
});
