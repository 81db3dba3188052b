// Corrections of trend records (docs/trends.md, "Corrections"): records are immutable, so a
// correction is a new record whose `supersedes` names the old one. The drill-down lists records
// with their standing: superseded (and by which record), and whether this station may correct it.
import { z } from 'zod';
import { TrendFilterSchema } from './trend-dashboard.contract';
import { ContentIdSchema, FraudTypeSchema, TrendRecordSchema } from './trends.contract';

export const TrendRecordRowSchema = z.object({
  record: TrendRecordSchema,
  /** The record that corrects this one, or null while it is current. */
  supersededBy: ContentIdSchema.nullable(),
  /** Made at this station and still current: this station may correct it. */
  correctable: z.boolean(),
});
export type TrendRecordRow = z.infer<typeof TrendRecordRowSchema>;

export const TrendRecordRowsRequestSchema = z
  .object({
    filter: TrendFilterSchema,
    limit: z.number().int().min(1).max(500),
    offset: z.number().int().min(0).max(1_000_000),
    /** Superseded records too, marked as such (they are never counted). */
    includeSuperseded: z.boolean(),
  })
  .strict();

export const TrendRecordRowsSchema = z.object({ rows: z.array(TrendRecordRowSchema), more: z.boolean() });

/** The examiner's correction: the same fields as the proposal they confirmed. */
export const TrendCorrectionRequestSchema = z
  .object({
    id: ContentIdSchema,
    fraudType: FraudTypeSchema,
    revealedBy: z.array(z.string().trim().min(1).max(120)).max(30),
    notes: z.string().max(2000).nullable(),
  })
  .strict();
export type TrendCorrectionRequest = z.infer<typeof TrendCorrectionRequestSchema>;
