// The dashboard page's English messages: a catalog of the same kind as the workstation's and the
// report's (electron/contract/i18n.ts). Elements of index.html marked data-i18n="key" take the
// message of that key (dashboard-i18n.ts).
import type { Catalog } from '../../contract/i18n';

export const dashboardMessages = {
  'dashboard.pageTitle': 'Loupe hub',
  'dashboard.title': 'Loupe hub — fraud trends',
  'dashboard.from': 'From week',
  'dashboard.to': 'To week',
  'dashboard.issuer': 'Issuer',
  'dashboard.fraudType': 'Fraud type',
  'dashboard.pointOfEntry': 'Point of entry',
  'dashboard.any': 'any',
  'dashboard.apply': 'Apply',
  'dashboard.clear': 'Clear',
  'dashboard.csv': 'Download CSV',

  'dashboard.byFraudType': 'Records per week by fraud type',
  'dashboard.byDocument': 'Records per week by issuer · document · series',
  'dashboard.byPointOfEntry': 'Records per week by point of entry',
  'dashboard.byCheck': 'Records per week by detecting check',

  'dashboard.loading': 'Loading…',
  'dashboard.total': '{count} records match.',
  'dashboard.clickHint': 'Click a series to filter by it.',
  'dashboard.signIn': 'Open the dashboard link the hub printed at start to sign in.',
  'dashboard.failed': 'Could not load the trends: {message}',

  'dashboard.alerts': 'Current expert alerts',
  'dashboard.noAlerts': 'No current expert alerts.',
  'dashboard.untilSuperseded': 'until replaced',
  'dashboard.alert.week': 'Published',
  'dashboard.alert.validUntil': 'Shown until',
  'dashboard.alert.document': 'Issuer · document · series',
  'dashboard.alert.fraudType': 'Fraud type',
  'dashboard.alert.title': 'Alert',
  'dashboard.alert.lookFor': 'What to look for',
  'dashboard.alert.hotspots': 'Hotspots',
  'dashboard.alert.country': 'Country',

  'dashboard.emerging': 'Emerging trends (last 2 weeks against the 12 before)',
  'dashboard.noEmerging': 'Nothing new or rising.',
  'dashboard.kindNew': 'new',
  'dashboard.kindRising': 'rising',
  'dashboard.emerging.kind': 'Signal',
  'dashboard.emerging.document': 'Issuer · document · series',
  'dashboard.emerging.fraudType': 'Fraud type',
  'dashboard.emerging.recent': 'Last 2 weeks',
  'dashboard.emerging.baseline': 'Baseline per week',
  'dashboard.emerging.expected': 'Expected',
  'dashboard.emerging.pValue': 'P(≥ recent)',

  'dashboard.records': 'Records',
  'dashboard.more': 'More records',
  'dashboard.record.week': 'Week',
  'dashboard.record.issuer': 'Issuer',
  'dashboard.record.documentType': 'Document',
  'dashboard.record.series': 'Series',
  'dashboard.record.fraudType': 'Fraud type',
  'dashboard.record.pointOfEntry': 'Point of entry',
  'dashboard.record.caughtBy': 'Caught by',
  'dashboard.record.station': 'Station',
} as const satisfies Catalog;
