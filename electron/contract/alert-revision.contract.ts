// Replacing and withdrawing an expert alert published at this station (docs/trends.md, "Replacing
// and withdrawing an alert"). Alerts are immutable: both make a new alert that supersedes the old one.
import { z } from 'zod';
import { AlertPublishRequestSchema } from './trend-dashboard.contract';
import { ContentIdSchema } from './trends.contract';

/** The publish form's fields, the alert replaced, and which of its crops (indexes) to keep. */
export const AlertReplaceRequestSchema = AlertPublishRequestSchema.extend({
  replaces: ContentIdSchema,
  keepCrops: z.array(z.number().int().min(0).max(7)).max(8),
}).strict();
export type AlertReplaceRequest = z.infer<typeof AlertReplaceRequestSchema>;

/** The alert to withdraw. `loupe.alert/1` has no field for a reason, so none is asked for. */
export const AlertWithdrawRequestSchema = z.object({ id: ContentIdSchema }).strict();
