// The examinations that could have produced a trend record of a given ISO week: those decided as a
// fraud at this station around that week. A record does not name its examination (that link would
// be personal), so a correction's notes are screened against the personal values of all of them.
import type { Examination } from '../contract/examination.contract';
import type { StationStore } from '../store';
import { isFraudVerdict } from './fraud-type-proposal';
import { mondayOf } from './iso-week';

const DAY_MS = 86_400_000;

export function fraudExaminationsAround(store: StationStore, week: string): Examination[] {
  const monday = mondayOf(week).getTime();
  // Created up to a week before the decision week (decided later), until the week's end.
  const from = new Date(monday - 7 * DAY_MS).toISOString();
  const to = new Date(monday + 7 * DAY_MS).toISOString();
  return store
    .listExaminations({ from, to, limit: 500 }, null)
    .filter((s) => isFraudVerdict(s.decision))
    .flatMap((s) => store.getExamination(s.id) ?? []);
}
