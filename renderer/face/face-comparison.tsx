// The comparison aid: portraits side by side (eye-aligned, equal scale), the machine's similarity and
// band per pair, and the station threshold. Presentational: data comes from the examination.
import type { FaceSection, Portrait } from '../../electron/contract/face.contract';
import { t } from '../i18n/t';

function PortraitTile({ portrait, imageBase }: { portrait: Portrait; imageBase: string }) {
  const q = portrait.quality;
  return (
    <figure className={`portrait${q.usable ? '' : ' portrait--unusable'}`} data-testid={`portrait-${portrait.id}`}>
      {portrait.alignedHash ? (
        <img className="portrait__image" src={`${imageBase}${portrait.alignedHash}`} alt={t(`face.kind.${portrait.kind}`)} />
      ) : (
        <div className="portrait__image portrait__image--empty">{t('face.noFace')}</div>
      )}
      <figcaption>
        <strong>{t(`face.kind.${portrait.kind}`)}</strong>
        <span className={q.usable ? 'portrait__ok' : 'portrait__problem'}>{q.usable ? t('face.usable') : q.problems[0]}</span>
        {q.usable && q.problems.map((p) => <span key={p} className="portrait__hint">{p}</span>)}
        {portrait.estimatedAge !== null && <span className="portrait__hint">{t('face.age', { age: Math.round(portrait.estimatedAge) })}</span>}
      </figcaption>
    </figure>
  );
}

export function FaceComparison({ face, imageBase }: { face: FaceSection; imageBase: string }) {
  const kindOf = (id: string) => face.portraits.find((p) => p.id === id)?.kind ?? 'live';
  return (
    <div className="face-comparison" data-testid="face-comparison">
      <div className="portraits">
        {face.portraits.map((p) => <PortraitTile key={p.id} portrait={p} imageBase={imageBase} />)}
      </div>
      {face.comparisons.length > 0 && (
        <>
          <h3 className="panel__subtitle">{t('face.pairs')}</h3>
          <ul className="face-pairs">
            {face.comparisons.map((c) => (
              <li key={`${c.a}-${c.b}`} className={`face-pair face-pair--${c.band}`} data-testid={`face-pair-${c.a}-${c.b}`} data-band={c.band}>
                <span>{t('face.pair', { a: t(`face.kind.${kindOf(c.a)}`), b: t(`face.kind.${kindOf(c.b)}`) })}</span>
                <span className="face-pair__band">{t(`face.band.${c.band}`)}</span>
                <span className="muted">{c.similarity !== null ? t('face.similarity', { percent: Math.round(c.similarity * 100) }) : c.reason}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {face.hints.length > 0 && (
        <>
          <h3 className="panel__subtitle">{t('face.hints')}</h3>
          <ul className="face-hints">{face.hints.map((h) => <li key={h}>{h}</li>)}</ul>
        </>
      )}
      <p className="panel__meta">{t('face.threshold', { distance: face.threshold.distance, margin: face.threshold.margin })}</p>
    </div>
  );
}
