// Migration 4: an expert alert is superseded only by a later alert of the same station (the rule of
// electron/trends/alert-standing.ts, and the hub's). Earlier builds let an alert of any station that
// named it in `supersedes` mark it superseded, hiding another station's alert. The marks are
// recomputed under the rule: a mark set by another station's alert is cleared, and an alert its own
// station superseded is marked by that alert (the first by id, as on insert).
import type { Migration } from '../migration-runner';

export const migration0004: Migration = {
  version: 4,
  name: 'alert-supersede-same-station',
  sql: `
UPDATE expert_alerts SET superseded_by = NULL
  WHERE superseded_by IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM expert_alerts AS s WHERE s.id = expert_alerts.superseded_by AND s.station = expert_alerts.station);
UPDATE expert_alerts
  SET superseded_by = (SELECT s.id FROM expert_alerts AS s WHERE s.supersedes = expert_alerts.id AND s.station = expert_alerts.station ORDER BY s.id LIMIT 1)
  WHERE superseded_by IS NULL
    AND EXISTS (SELECT 1 FROM expert_alerts AS s WHERE s.supersedes = expert_alerts.id AND s.station = expert_alerts.station);
`,
};
