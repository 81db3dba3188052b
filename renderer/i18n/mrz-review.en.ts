// English messages of the MRZ's uncertain characters (their marking and the officer's review) and
// of the camera used as a document scanner. Composed in en.ts.
import type { Catalog } from '../../electron/contract/i18n';

export const mrzReviewMessages = {
  'mrzReview.title': 'Uncertain characters — compare with the printed page',
  'mrzReview.lead': 'The reader could not tell these characters apart from others. Look at the document itself.',
  'mrzReview.keys': 'Focus a character: Enter confirms it as read, type the character you see to correct it, ← → or Tab move.',
  'mrzReview.position': 'Line {line}, position {column}',
  'mrzReview.read': 'read “{char}”',
  'mrzReview.noReading': 'nothing read',
  'mrzReview.mightBe': 'might be {alternatives}',
  'mrzReview.markTitle': 'Uncertain: might be {alternatives} — compare with the printed page',
  'mrzReview.markTitleNone': 'Uncertain: nothing could be read here — compare with the printed page',
  'mrzReview.charLabel': 'Line {line}, position {column}, read “{char}”, might be {alternatives}. Enter confirms, type a character to correct.',
  'mrzReview.confirm': 'As read',
  'mrzReview.pick': 'Correct to “{char}”',
  'mrzReview.confirmed': 'Confirmed by {name} ({badge})',
  'mrzReview.corrected': 'Corrected from “{read}” to “{char}” by {name} ({badge})',
  'mrzReview.checkDigitsHold': 'check digits verify',
  'mrzReview.checkDigitsFail': 'check digits still fail',
  'mrzReview.remaining': '{count} to compare',
  'mrzReview.done': 'All compared',
  'mrzReview.settled': 'Settled by the printed page',
  'mrzReview.settledBy': 'Line {line}, position {column}: “{char}” — the printed {field} reads “{viz}”',
  'mrzReview.notAllowed': 'Only A–Z, 0–9 and < appear in the MRZ.',
} as const satisfies Catalog;
