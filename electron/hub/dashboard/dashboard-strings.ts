// The dashboard's user-visible strings, in one table so the page can be translated. Elements marked
// data-i18n="key" in index.html take the text of that key.
export const STRINGS = {
  title: 'Loupe hub — fraud trends',
  from: 'From week',
  to: 'To week',
  issuer: 'Issuer',
  fraudType: 'Fraud type',
  pointOfEntry: 'Point of entry',
  apply: 'Apply',
  clear: 'Clear',
  csv: 'Download CSV',
  byFraudType: 'Records per week by fraud type',
  byDocument: 'Records per week by issuer · document · series',
  byPointOfEntry: 'Records per week by point of entry',
  byCheck: 'Records per week by detecting check',
  emerging: 'Emerging trends (last 2 weeks against the 12 before)',
  records: 'Records',
  more: 'More records',
  any: 'any',
  loading: 'Loading…',
  total: (n: number) => `${n.toLocaleString()} records match.`,
  signIn: 'Open the dashboard link the hub printed at start to sign in.',
  failed: (m: string) => `Could not load the trends: ${m}`,
  noEmerging: 'Nothing new or rising.',
  kindNew: 'new',
  kindRising: 'rising',
  clickHint: 'Click a series to filter by it.',
  columns: { week: 'Week', issuer: 'Issuer', documentType: 'Document', series: 'Series', fraudType: 'Fraud type', pointOfEntry: 'Point of entry', caughtBy: 'Caught by', station: 'Station' },
  emergingColumns: { kind: 'Signal', document: 'Issuer · document · series', fraudType: 'Fraud type', recent: 'Last 2 weeks', baseline: 'Baseline per week', expected: 'Expected', pValue: 'P(≥ recent)' },
  alerts: 'Current expert alerts',
  noAlerts: 'No current expert alerts.',
  untilSuperseded: 'until replaced',
  alertColumns: { week: 'Published', validUntil: 'Shown until', document: 'Issuer · document · series', fraudType: 'Fraud type', title: 'Alert', lookFor: 'What to look for', hotspots: 'Hotspots', country: 'Country' },
};

/** The keys whose value is plain text (the ones index.html may name). */
export type TextKey = { [K in keyof typeof STRINGS]: (typeof STRINGS)[K] extends string ? K : never }[keyof typeof STRINGS];

export function isTextKey(key: string | undefined): key is TextKey {
  return key !== undefined && Object.hasOwn(STRINGS, key) && typeof STRINGS[key as keyof typeof STRINGS] === 'string';
}
