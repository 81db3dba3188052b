// Publishing an expert alert: a document class, what to look for, and where — hotspots taken from
// the class's non-personal reference zones. It travels in bundles like trend records, and appears
// in the inspection screen when a document of that class is examined.
import { useEffect, useState } from 'react';
import type { DocumentClass, ReferenceSummary } from '../../electron/contract/reference.contract';
import { FRAUD_TYPES, type FraudType } from '../../electron/contract/trends.contract';
import { loupe } from '../api/loupe';
import { t } from '../i18n/t';
import { fraudTypeLabel } from './fraud-type-label';

const PERSONAL_KINDS = new Set(['photo', 'ghost', 'mrz', 'field', 'signature']);

export function AlertPublishForm({ onError }: { onError: (e: unknown) => void }) {
  const [classes, setClasses] = useState<ReferenceSummary[]>([]);
  const [classId, setClassId] = useState('');
  const [cls, setCls] = useState<DocumentClass | null>(null);
  const [fraudType, setFraudType] = useState<FraudType>('counterfeit');
  const [title, setTitle] = useState('');
  const [lookFor, setLookFor] = useState('');
  const [zones, setZones] = useState<string[]>([]);
  const [validUntil, setValidUntil] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    loupe['reference:list']({}).then((list) => setClasses(list.filter((c) => c.status === 'active')), onError);
  }, [onError]);

  useEffect(() => {
    setZones([]);
    if (!classId) return setCls(null);
    loupe['reference:get']({ id: classId }).then((r) => setCls(r.cls), onError);
  }, [classId, onError]);

  const hotspotZones = cls?.zones.filter((z) => !z.personal && !PERSONAL_KINDS.has(z.kind)) ?? [];

  const publish = async () => {
    if (!cls || !title.trim() || !lookFor.trim()) {
      setProblem(t('alerts.missing'));
      return;
    }
    const until = validUntil.trim().toUpperCase();
    setProblem(null);
    setBusy(true);
    try {
      const hotspots = hotspotZones
        .filter((z) => zones.includes(z.id))
        .map((z) => ({
          light: z.kind === 'uv-feature' ? ('uv' as const) : z.kind === 'ir-feature' ? ('ir' as const) : ('white' as const),
          x: Math.max(0, Math.round(z.box.x)),
          y: Math.max(0, Math.round(z.box.y)),
          w: Math.max(1, Math.round(z.box.w)),
          h: Math.max(1, Math.round(z.box.h)),
          label: z.label.slice(0, 120),
        }));
      const alert = await loupe['trends:publishAlert']({ documentClassId: cls.id, fraudType, title: title.trim(), lookFor: lookFor.trim(), hotspots, examinationId: null, cropZoneIds: [], validUntilWeek: until || null });
      setDone(t('alerts.published', { title: alert.title, week: alert.week }));
      setTitle('');
      setLookFor('');
      setZones([]);
    } catch (e) {
      onError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" data-testid="alert-publish">
      <h3 className="panel__title">{t('alerts.title')}</h3>
      <form className="trends__form trends__form--alert" onSubmit={(e) => { e.preventDefault(); void publish(); }}>
        <label className="field">
          <span className="field__label">{t('alerts.class')}</span>
          <select className="input" value={classId} onChange={(e) => setClassId(e.target.value)} data-testid="alert-class">
            <option value="">{t('alerts.chooseClass')}</option>
            {classes.map((c) => <option key={c.id} value={c.id}>{`${c.id} · ${c.documentType} ${c.series}`}</option>)}
          </select>
        </label>
        <label className="field">
          <span className="field__label">{t('trends.fraudType')}</span>
          <select className="input" value={fraudType} onChange={(e) => setFraudType(e.target.value as FraudType)} data-testid="alert-fraud-type">
            {FRAUD_TYPES.map((f) => <option key={f} value={f}>{fraudTypeLabel(f)}</option>)}
          </select>
        </label>
        <label className="field">
          <span className="field__label">{t('alerts.titleField')}</span>
          <input className="input" value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} data-testid="alert-title" />
        </label>
        <label className="field">
          <span className="field__label">{t('alerts.lookFor')}</span>
          <textarea className="textarea" value={lookFor} maxLength={4000} rows={3} onChange={(e) => setLookFor(e.target.value)} data-testid="alert-look-for" />
        </label>
        {hotspotZones.length > 0 && (
          <fieldset className="trends__zones">
            <legend className="field__label">{t('alerts.hotspots')}</legend>
            {hotspotZones.map((z) => (
              <label key={z.id} className="trends__zone">
                <input type="checkbox" checked={zones.includes(z.id)} onChange={(e) => setZones(e.target.checked ? [...zones, z.id] : zones.filter((x) => x !== z.id))} data-testid={`alert-zone-${z.id}`} />
                {z.label}
              </label>
            ))}
          </fieldset>
        )}
        <label className="field">
          <span className="field__label">{t('alerts.validUntil')}</span>
          <input className="input" value={validUntil} placeholder="2027-W10" onChange={(e) => setValidUntil(e.target.value)} data-testid="alert-valid-until" />
        </label>
        <button type="submit" className="button button--primary" disabled={busy} data-testid="alert-publish-button">{t('alerts.publish')}</button>
        {problem && <p className="form-problem" role="alert">{problem}</p>}
        {done && <p className="muted" role="status" data-testid="alert-published">{done}</p>}
      </form>
    </section>
  );
}
