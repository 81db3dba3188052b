// The English catalog of the workstation, composed from one file per area. A new area (a screen, a
// domain) adds its own `<area>.en.ts` and one line here; it never edits another area's file, and
// composeCatalog refuses a key that two areas define. Other languages compose the same areas.
import { composeCatalog } from '../../electron/contract/i18n';
import { alertRevisionMessages } from './alert-revision.en';
import { chipMessages } from './chip.en';
import { commonMessages } from './common.en';
import { deviceMessages } from './devices.en';
import { faceMessages } from './face.en';
import { historyMessages } from './history.en';
import { inspectionMessages } from './inspection.en';
import { learningMessages } from './learning.en';
import { mrzReviewMessages } from './mrz-review.en';
import { referenceMessages } from './reference.en';
import { trendToolMessages } from './trend-tools.en';
import { trendMessages } from './trends.en';
import { trustMessages } from './trust.en';

/** The areas by name (the catalog test checks each one's keys against the code that uses them). */
export const enAreas = {
  common: commonMessages,
  inspection: inspectionMessages,
  mrzReview: mrzReviewMessages,
  history: historyMessages,
  devices: deviceMessages,
  reference: referenceMessages,
  learning: learningMessages,
  face: faceMessages,
  trends: trendMessages,
  trendTools: trendToolMessages,
  alertRevision: alertRevisionMessages,
  trust: trustMessages,
  chip: chipMessages,
} as const;

export const en = composeCatalog(enAreas);

export type MessageKey = keyof typeof en & string;
