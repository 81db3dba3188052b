// Decoding a verified bundle's inflated payload into chunks: lines, chunks for the stores, and
// (optionally) the grouped counts of the records. The same job runs in
// the decoding worker (inflating as a stream, so the first chunks reach the inserting thread while
// the rest is still inflating) and in-thread (small bundles, or no worker): one code path, one
// outcome.
import type { BundleLimits } from './bundle-error';
import { ChunkBuilder, type ChunkLayout, type DecodedChunk } from './bundle-chunk';
import type { ExpertAlert, TrendRecord } from '../contract/trends.contract';
import { BundleLineReader } from './bundle-lines';
import { StringDictionary } from './string-dictionary';

export interface DecodeJobOptions {
  /** Records per chunk. */
  chunkRecords: number;
  layout: ChunkLayout;
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
  private records = 0;
  private alerts = 0;

  constructor(limits: BundleLimits, options: DecodeJobOptions, emit: (chunk: DecodedChunk) => void) {
    const builder = new ChunkBuilder(this.dictionary, options.chunkRecords, options.layout, emit);
    this.builder = builder;
    this.reader = new BundleLineReader(limits, {
      record: (r, canonical, line) => {
        this.records++;
        builder.record(r, canonical, line);
      },
      alert: (a, canonical, line) => {
        this.alerts++;
        builder.alert(a, canonical, line);
      },
      refused: (r) => builder.refused(r),
    });
  }

  /** An item validated elsewhere, with the text to store (a store's own input), as line `line`. */
  addStored(item: { type: 'record'; record: TrendRecord; json: string } | { type: 'alert'; alert: ExpertAlert; json: string }, line: number): void {
    if (item.type === 'record') {
      this.records++;
      this.builder.recordStored(item.record, item.json, line);
    } else {
      this.alerts++;
      this.builder.alertStored(item.alert, item.json, line);
    }
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
