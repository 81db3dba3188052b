// Decoding a verified bundle's inflated payload into chunks: lines, chunks for the stores, and
// (optionally) the grouped counts of the records. The same job runs in
// the decoding worker (inflating as a stream, so the first chunks reach the inserting thread while
// the rest is still inflating) and in-thread (small bundles, or no worker): one code path, one
// outcome.
import type { BundleLimits } from './bundle-error';
import { ChunkBuilder, type ChunkLayout, type DecodedChunk } from './bundle-chunk';
import type { ExpertAlert, TrendRecord } from '../contract/trends.contract';
import { BundleLineReader } from './bundle-lines';
import { OriginTracker } from './origin-tracker';
import { StringDictionary } from './string-dictionary';

export interface DecodeJobOptions {
  /** Records per chunk. */
  chunkRecords: number;
  layout: ChunkLayout;
  /** The bundle's signer: items outside any origin proof must be its own. */
  signer: string;
}

export const DEFAULT_CHUNK_RECORDS = 4096;

/** How the payload's lines came out (after the last chunk). */
export interface DecodeSummary {
  lines: number;
  records: number;
  alerts: number;
}

export class BundleDecodeJob {
  readonly dictionary = new StringDictionary();
  private readonly builder: ChunkBuilder;
  private readonly reader: BundleLineReader;
  private readonly origins: OriginTracker;
  private records = 0;
  private alerts = 0;

  constructor(limits: BundleLimits, options: DecodeJobOptions, emit: (chunk: DecodedChunk) => void) {
    const builder = new ChunkBuilder(this.dictionary, options.chunkRecords, options.layout, emit);
    const origins = new OriginTracker(options.signer);
    this.builder = builder;
    this.origins = origins;
    // Every item is counted (the manifest's counts are compared), proven or not; an unproven item
    // is refused, and a refused line refuses the bundle.
    this.reader = new BundleLineReader(limits, {
      record: (r, canonical, line) => {
        this.records++;
        const origin = origins.check(r.station, r.id);
        if (typeof origin === 'string') builder.refused({ line, reason: origin, origin: true });
        else builder.record(r, canonical, line, origin);
      },
      alert: (a, canonical, line) => {
        this.alerts++;
        const origin = origins.check(a.station, a.id);
        if (typeof origin === 'string') builder.refused({ line, reason: origin, origin: true });
        else builder.alert(a, canonical, line, origin);
      },
      origin: (proof, line) => builder.section(origins.open(proof), proof, line),
      refused: (r) => builder.refused(r),
    });
  }

  /** An item validated elsewhere, with the text to store (a store's own input), as line `line`. */
  addStored(item: { type: 'record'; record: TrendRecord; json: string } | { type: 'alert'; alert: ExpertAlert; json: string }, line: number): void {
    const station = item.type === 'record' ? item.record.station : item.alert.station;
    const origin = this.origins.check(station, item.type === 'record' ? item.record.id : item.alert.id);
    if (item.type === 'record') this.records++;
    else this.alerts++;
    if (typeof origin === 'string') this.builder.refused({ line, reason: origin, origin: true });
    else if (item.type === 'record') this.builder.recordStored(item.record, item.json, line, origin);
    else this.builder.alertStored(item.alert, item.json, line, origin);
  }

  push(text: Buffer): void {
    this.reader.push(text);
  }

  /** The text is complete: emits the last chunk (always one, possibly empty) and sums up. */
  end(): DecodeSummary {
    this.reader.end();
    const lines = this.reader.lines;
    this.builder.flush(true);
    return { lines, records: this.records, alerts: this.alerts };
  }
}
