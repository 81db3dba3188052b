// The station's trend settings, stored with the other settings (key 'trends'): where and how this
// station detects, and the small-count threshold for exports beyond the national level.
import { TrendSettingsDtoSchema, type TrendSettingsDto } from '../contract/trend-dashboard.contract';

/** The same schema the renderer edits them with. */
export const TrendSettingsSchema = TrendSettingsDtoSchema;
export type TrendSettings = TrendSettingsDto;

export const DEFAULT_TREND_SETTINGS: TrendSettings = { country: 'UTO', pointOfEntry: 'UNSET', line: 'second', direction: null, k: 3 };
export const TREND_SETTINGS_KEY = 'trends';
