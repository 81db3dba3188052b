// English messages of the examination history. Composed in en.ts.
import type { Catalog } from '../../electron/contract/i18n';

export const historyMessages = {
  'header.history': 'History',

  'history.title': 'Examination history',
  'history.search': 'Search',
  'history.searchPlaceholder': 'Issuer, document type, holder…',
  'history.decision': 'Decision',
  'history.anyDecision': 'Any decision',
  'history.from': 'From',
  'history.to': 'To',
  'history.apply': 'Search',
  'history.empty': 'No examination matches these filters.',
  'history.when': 'Date and time',
  'history.document': 'Document',
  'history.holder': 'Holder',
  'history.officer': 'Officer',
  'history.suggested': 'Checks',
  'history.undecided': 'Not decided',
  'history.hidden': 'Hidden',
  'history.open': 'Open',
  'history.loading': 'Loading…',

  'shortcuts.history': 'Open the history',
} as const satisfies Catalog;
