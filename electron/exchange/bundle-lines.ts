// The payload of a bundle, line by line: splitting (with the line-count and line-length limits),
// then per line JSON, schema and content id. Shared by the in-thread decoder and the decoding
// worker, so both refuse exactly the same lines for the same reasons. Inflated text may arrive in
// pieces; a line split across pieces is joined, and a line above the length limit is never held
// in memory whole.
import { hash } from 'node:crypto';
import { z } from 'zod';
import { BundleItemSchema, type ExpertAlert, type TrendRecord } from '../contract/trends.contract';
import type { BundleLimits, RefusedLine } from './bundle-error';
import { validatedCanonicalJson } from './canonical-json';
import { proofFromJson, type OriginProof } from './origin-proof';

/** An origin line (origin-proof.ts): the proof of origin of the items that follow it. */
const OriginLineSchema = z
  .object({
    type: z.literal('origin'),
    origin: z.object({ station: z.string().max(16), ids: z.string(), signature: z.string().max(100) }).strict(),
  })
  .strict();

/**
 * Receives each line's outcome, in line order. `canonical` is the item's canonical JSON without its
 * id (what the id hashes): a store keeps it with the id in front (storedJson).
 */
export interface LineSink {
  record(record: TrendRecord, canonical: string, line: number): void;
  alert(alert: ExpertAlert, canonical: string, line: number): void;
  /** An origin line: the items up to the next one are that proof's (origin-tracker.ts). */
  origin(proof: OriginProof, line: number): void;
  refused(refusal: RefusedLine): void;
}

export type ParsedLine =
  | { type: 'record'; record: TrendRecord; canonical: string }
  | { type: 'alert'; alert: ExpertAlert; canonical: string }
  | { type: 'origin'; proof: OriginProof }
  | { reason: string; claimedId?: string; origin?: true };

/** One line of JSON: parsed, validated against the strict schemas, content id checked. */
export function parseBundleLine(text: string): ParsedLine {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { reason: 'not valid JSON' };
  }
  if ((value as { type?: unknown } | null)?.type === 'origin') return parseOriginLine(value);
  const parsed = BundleItemSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { reason: `schema: ${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid'}` };
  }
  const item = parsed.data;
  const content = item.type === 'record' ? item.record : item.alert;
  // The canonical text is hashed for the id and kept as the stored text: one serialisation per item.
  const canonical = validatedCanonicalJson(content);
  if (hash('sha256', canonical, 'hex') !== content.id) return { reason: `id ${content.id.slice(0, 12)}… does not match its content`, claimedId: content.id };
  return item.type === 'record' ? { type: 'record', record: item.record, canonical } : { type: 'alert', alert: item.alert, canonical };
}

function parseOriginLine(value: unknown): ParsedLine {
  const parsed = OriginLineSchema.safeParse(value);
  if (!parsed.success) return { reason: 'origin: not a proof of origin', origin: true };
  const proof = proofFromJson(parsed.data.origin);
  return typeof proof === 'string' ? { reason: proof, origin: true } : { type: 'origin', proof };
}

/** Splits inflated payload text into lines and hands each line's outcome to a sink. */
export class BundleLineReader {
  private line = 0;
  private stopped = false;
  /** Pieces of a line that continues in the next push. */
  private carry: Buffer[] = [];
  private carryLength = 0;
  /** The current line passed the length limit: its bytes are counted, not kept. */
  private oversized = false;

  constructor(
    private readonly limits: BundleLimits,
    private readonly sink: LineSink,
  ) {}

  /** Lines seen so far (including empty and refused ones). */
  get lines(): number {
    return this.line;
  }

  push(data: Buffer): void {
    let start = 0;
    while (!this.stopped) {
      const newline = data.indexOf(0x0a, start);
      if (newline < 0) {
        this.hold(data, start, data.length);
        return;
      }
      this.complete(data, start, newline);
      start = newline + 1;
    }
  }

  /** The text ended: a last line without a newline is still a line. */
  end(): void {
    if (!this.stopped && (this.carryLength > 0 || this.oversized)) this.complete(Buffer.alloc(0), 0, 0);
  }

  private hold(data: Buffer, start: number, end: number): void {
    if (end <= start) return;
    this.carryLength += end - start;
    if (this.oversized) return;
    if (this.carryLength > this.limits.maxLineBytes) {
      this.oversized = true;
      this.carry = [];
    } else this.carry.push(data.subarray(start, end));
  }

  private complete(data: Buffer, start: number, end: number): void {
    this.line++;
    const line = this.line;
    if (line > this.limits.maxItems) {
      this.sink.refused({ line, reason: `more than ${this.limits.maxItems} lines; the rest is ignored` });
      this.stopped = true;
      return;
    }
    const length = this.carryLength + end - start;
    const joined = this.carryLength > 0 && !this.oversized;
    const pieces = this.carry;
    this.carry = [];
    this.carryLength = 0;
    this.oversized = false;
    if (length > this.limits.maxLineBytes) {
      this.sink.refused({ line, reason: `line of ${length} bytes exceeds ${this.limits.maxLineBytes}` });
      return;
    }
    if (length === 0) return;
    const text = joined ? Buffer.concat([...pieces, data.subarray(start, end)]).toString('utf8') : data.toString('utf8', start, end);
    const result = parseBundleLine(text);
    if ('reason' in result) this.sink.refused({ line, ...result });
    else if (result.type === 'record') this.sink.record(result.record, result.canonical, line);
    else if (result.type === 'alert') this.sink.alert(result.alert, result.canonical, line);
    else this.sink.origin(result.proof, line);
  }
}
