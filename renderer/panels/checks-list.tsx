// Checks grouped by verdict layer, each layer with its verdict, each check with status, explanation,
// measured vs expected, and a jump to its evidence (image region or MRZ characters).
import { LAYERS, type CheckResult, type LayerVerdict } from '../../electron/contract/examination.contract';
import { t } from '../i18n/t';
import { StatusIcon } from './status-icon';

export function ChecksList({ checks, verdict, selectedId, onSelect }: {
  checks: CheckResult[];
  verdict: LayerVerdict[];
  selectedId: string | null;
  onSelect: (check: CheckResult) => void;
}) {
  const layers = LAYERS.filter((layer) => verdict.some((v) => v.layer === layer) || checks.some((c) => c.layer === layer));
  return (
    <section className="panel" data-testid="checks-list">
      <header className="panel__header">
        <h2 className="panel__title">{t('checks.title')}</h2>
        <span className="panel__meta">{t('checks.count', { count: checks.length })}</span>
      </header>
      {layers.length === 0 && <p className="muted">{t('checks.none')}</p>}
      {layers.map((layer) => {
        const layerVerdict = verdict.find((v) => v.layer === layer);
        const layerChecks = checks.filter((c) => c.layer === layer);
        return (
          <div className="layer" key={layer} data-testid={`layer-${layer}`}>
            <div className="layer__header">
              {layerVerdict && <StatusIcon status={layerVerdict.status} />}
              <h3 className="layer__title">{t(`layer.${layer}`)}</h3>
              {layerVerdict && <span className="layer__summary">{layerVerdict.summary}</span>}
            </div>
            <ul className="checks">
              {layerChecks.map((check) => {
                const hasRegion = check.evidence.some((e) => e.region);
                const hasMrz = check.evidence.some((e) => e.mrz);
                const selected = check.id === selectedId;
                return (
                  <li key={check.id}>
                    <button
                      type="button"
                      className={`check${selected ? ' check--selected' : ''}`}
                      aria-pressed={selected}
                      data-testid={`check-${check.id}`}
                      data-status={check.status}
                      data-evidence={[hasRegion ? 'region' : '', hasMrz ? 'mrz' : ''].join(' ').trim() || undefined}
                      onClick={() => onSelect(check)}
                    >
                      <StatusIcon status={check.status} />
                      <span className="check__body">
                        <span className="check__title">{check.title}</span>
                        <span className="check__explanation">{check.explanation}</span>
                        {(check.measured || check.expected) && (
                          <span className="check__values">
                            {check.measured && <span>{t('checks.measured')}: <b>{check.measured}</b></span>}
                            {check.expected && <span>{t('checks.expected')}: <b>{check.expected}</b></span>}
                          </span>
                        )}
                        {check.evidence.map((e, i) => e.note && <span key={i} className="check__note">{e.note}</span>)}
                        {hasRegion && <span className="check__jump">{t('checks.jump')} →</span>}
                        {hasMrz && <span className="check__jump">{t('checks.mrzEvidence')}</span>}
                      </span>
                    </button>
                  </li>
                );
              })}
            </ul>
          </div>
        );
      })}
    </section>
  );
}
