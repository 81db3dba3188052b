// The station's audit trail on the Trust store screen (audit:state, docs/audit-trail.md): intact, or
// broken at the first entry found altered, deleted, moved or cut, and when the station last signed
// the log's head. The state is verified on the Node side at every load; nothing here judges it.
import type { AuditBreakKind, AuditVerification } from '../../electron/contract/audit.contract';
import { formatDateTime, t, type PlainMessageKey } from '../i18n/t';

const REASON: Record<AuditBreakKind, PlainMessageKey> = {
  edited: 'auditTrail.reason.edited',
  deleted: 'auditTrail.reason.deleted',
  reordered: 'auditTrail.reason.reordered',
  cut: 'auditTrail.reason.cut',
  rewritten: 'auditTrail.reason.rewritten',
  'bad-checkpoint': 'auditTrail.reason.badCheckpoint',
};

export function AuditTrailPanel({ state }: { state: AuditVerification | null }) {
  return (
    <section className="trust-section audit-trail" aria-labelledby="audit-trail-title" data-testid="audit-trail">
      <h2 className="trust-section__title" id="audit-trail-title">{t('auditTrail.title')}</h2>
      {state === null ? (
        <p className="muted" role="status">{t('auditTrail.loading')}</p>
      ) : (
        <div className="audit-trail__body">
          {state.break === null ? (
            <p className="audit-trail__state" data-testid="audit-trail-state" data-status="intact">
              <span className="trust-pill trust-pill--pass"><span aria-hidden="true">✓</span> {t('auditTrail.intact')}</span>
              <span className="muted">{t('auditTrail.intactDetail', { count: state.entries })}</span>
            </p>
          ) : (
            <p className="audit-trail__state" data-testid="audit-trail-state" data-status="broken" data-entry={state.break.entryId}>
              <span className="trust-pill trust-pill--fail"><span aria-hidden="true">✕</span> {t('auditTrail.broken', { entry: state.break.entryId })}</span>
              <span>{t(REASON[state.break.kind])}</span>
            </p>
          )}
          <p className="muted audit-trail__checkpoint" data-testid="audit-trail-checkpoint" data-volatile>
            {state.lastCheckpoint
              ? t('auditTrail.lastCheckpoint', { when: formatDateTime(state.lastCheckpoint.at), entry: state.lastCheckpoint.entryId })
              : t('auditTrail.noCheckpoint')}
          </p>
        </div>
      )}
    </section>
  );
}
