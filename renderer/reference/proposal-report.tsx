// What learning made of each capture (used, with how well it matches the learned class, or left
// out and why) and what Loupe noticed, beside the proposal the expert corrects.
import type { LearningProposal } from '../../electron/contract/learning.contract';
import { t } from '../i18n/t';

export function ProposalReport({ proposal }: { proposal: LearningProposal }) {
  return (
    <section className="proposal-report" data-testid="proposal-report">
      <h3 className="layer__title">{t('learn.captures')}</h3>
      <ul className="zone-list">
        {proposal.captures.map((c) => (
          <li key={c.name} className="zone-list__item" data-testid={`proposal-capture-${c.name}`} data-used={c.used}>
            <strong>{c.name}</strong> <span className="muted">· {c.lights.map((l) => t(`viewer.light.${l}`)).join(', ')}</span>
            <span className="zone-list__expect">{c.used ? t('learn.captureUsed', { percent: Math.round((c.score ?? 0) * 100) }) : t('learn.captureLeftOut', { reason: c.reason ?? '' })}</span>
          </li>
        ))}
      </ul>
      {proposal.notes.length > 0 && (
        <>
          <h3 className="layer__title">{t('learn.notes')}</h3>
          <ul className="proposal-report__notes" data-testid="proposal-notes">
            {proposal.notes.map((n) => <li key={n}>{n}</li>)}
          </ul>
        </>
      )}
    </section>
  );
}
