// The station's trend settings, stored with the other settings (key 'trends'): where and how this
// station detects, and the small-count threshold for exports beyond the national level.
import { z } from 'zod';

export const TrendSettingsSchema = z
  .object({
    country: z.string().regex(/^[A-Z]{3}$/),
    pointOfEntry: z.string().regex(/^[A-Z0-9][A-Z0-9-]{0,15}$/),
    line: z.enum(['first', 'second']),
    direction: z.enum(['entry', 'exit']).nullable(),
    k: z.number().int().min(2).max(100),
  })
  .strict();
export type TrendSettings = z.infer<typeof TrendSettingsSchema>;

export const DEFAULT_TREND_SETTINGS: TrendSettings = { country: 'UTO', pointOfEntry: 'UNSET', line: 'second', direction: null, k: 3 };
export const TREND_SETTINGS_KEY = 'trends';
