// Publishing an expert alert: a document class, what to look for, and where — hotspots drawn on
// the class's reference image (or chosen among its security features) — and, when an examination
// of that class with a fraud verdict is on screen, redacted example crops of those places taken
// from it. It travels in bundles like trend records, and appears in the inspection screen on the
// documents of its scope (issuers, types, series — prefilled from the class and the examination on
// screen — or, by an explicit choice, every document). Given an alert published here to replace, the form opens
// filled with it (its crops offered to keep) and publishes the new version (trends:replaceAlert).
import { useEffect, useMemo, useRef, useState } from 'react';
import type { DocumentClass, ReferenceSummary } from '../../electron/contract/reference.contract';
import { FRAUD_TYPES, type ExpertAlert, type FraudType, type Hotspot } from '../../electron/contract/trends.contract';
import { loupe } from '../api/loupe';
import { t } from '../i18n/t';
import { AlertCropPicker, type CropChoice } from './alert-crop-picker';
import { fraudTypeLabel } from './fraud-type-label';
import { HotspotEditor } from './hotspot-editor';
import { draftOf, overlapOf, toHotspot, type DraftHotspot } from './hotspot-edit';
import { AlertScopeFields, draftOfScope, scopeOfDraft, type ScopeDraft } from './alert-scope-fields';
import { effectiveScope } from '../../electron/contract/alert-scope';
import { useDialogAction } from '../hooks/use-dialog-action';

const NO_CROPS: CropChoice = { zoneIds: [], spotKeys: [], confirmed: false, ready: true };

/** The examination on screen, when it can give example crops (identified, fraud verdict). */
export interface AlertSource {
  examinationId: string;
  classId: string;
  label: string;
  /** The issuing state read from the document (a shared design's class names no issuer). */
  issuer?: string | null;
}

export function AlertPublishForm({ onError, referenceBase, source, focusRequest, onPublished, replacing = null, onCancelReplace }: {
  onError: (e: unknown) => void;
  referenceBase: string;
  source: AlertSource | null;
  /** Changes when the form should come into view with the focus on it. */
  focusRequest?: number;
  onPublished?: (alert: ExpertAlert) => void;
  /** An alert published here that the form replaces: the form opens filled with it. */
  replacing?: ExpertAlert | null;
  onCancelReplace?: () => void;
}) {
  const [classes, setClasses] = useState<ReferenceSummary[]>([]);
  const [classId, setClassId] = useState(source?.classId ?? '');
  const [cls, setCls] = useState<DocumentClass | null>(null);
  const [fraudType, setFraudType] = useState<FraudType>('counterfeit');
  const [title, setTitle] = useState('');
  const [lookFor, setLookFor] = useState('');
  const [spots, setSpots] = useState<DraftHotspot[]>([]);
  const [crops, setCrops] = useState<CropChoice>({ zoneIds: [], spotKeys: [], confirmed: false, ready: true });
  const [validUntil, setValidUntil] = useState('');
  const [scope, setScope] = useState<ScopeDraft>({ regional: false, issuers: '', documentTypes: '', series: '' });
  /** Indexes of the replaced alert's crops to keep. */
  const [keepCrops, setKeepCrops] = useState<number[]>([]);
  // Hotspots to put in the editor once the class they belong to is loaded (replacing an alert).
  const pendingSpots = useRef<{ classId: string; hotspots: Hotspot[] } | null>(null);
  const loadedCls = useRef<DocumentClass | null>(null);
  loadedCls.current = cls;
  const [done, setDone] = useState<string | null>(null);
  // A refusal (a hotspot over personal data, text that looks personal) is the examiner's to fix here.
  const { busy, problem, setProblem, run } = useDialogAction(onError);
  const section = useRef<HTMLElement>(null);
  const replacingRef = useRef<ExpertAlert | null>(replacing);
  replacingRef.current = replacing;
  const sourceRef = useRef<AlertSource | null>(source);
  sourceRef.current = source;
  const classField = useRef<HTMLSelectElement>(null);

  useEffect(() => {
    loupe['reference:list']({}).then((list) => setClasses(list.filter((c) => c.status === 'active')), onError);
  }, [onError]);

  // Opened from an examination: its class is the one the alert is most likely about (once per
  // examination: the examiner may then choose another class).
  const sourceClass = source?.classId ?? null;
  useEffect(() => {
    if (sourceClass) setClassId((id) => id || sourceClass);
  }, [source?.examinationId, sourceClass]);

  useEffect(() => {
    if (focusRequest === undefined || focusRequest === 0) return;
    section.current?.scrollIntoView({ block: 'start' });
    classField.current?.focus();
  }, [focusRequest]);

  useEffect(() => {
    setSpots([]);
    if (!classId) return setCls(null);
    let current = true;
    loupe['reference:get']({ id: classId }).then((r) => {
      if (!current) return;
      setCls(r.cls);
      // Shown on documents like the one the alert is about: the class's issuer (else the issuer read
      // from the examination on screen, when it is of this class), type and series. Replacing keeps
      // the replaced alert's scope.
      if (replacingRef.current?.documentClassId !== r.cls.id) {
        const issuer = r.cls.issuer ?? (sourceRef.current?.classId === r.cls.id ? sourceRef.current.issuer ?? null : null);
        setScope({ regional: false, issuers: issuer ?? '', documentTypes: r.cls.documentType, series: r.cls.series });
      }
      const pending = pendingSpots.current;
      if (pending?.classId === r.cls.id) {
        pendingSpots.current = null;
        setSpots(pending.hotspots.map((h) => draftOf(h, r.cls)));
      }
    }, onError);
    return () => {
      current = false;
    };
  }, [classId, onError]);

  // Replacing: every field from the alert; its hotspots once its class is loaded. When replacing
  // ends without a publish (the alert was withdrawn meanwhile), its fields leave the form.
  const replacingId = useRef<string | null>(null);
  useEffect(() => {
    if (!replacing) {
      if (replacingId.current !== null) {
        replacingId.current = null;
        setTitle('');
        setLookFor('');
        setSpots([]);
        setValidUntil('');
        setKeepCrops([]);
      }
      return;
    }
    replacingId.current = replacing.id;
    setFraudType(replacing.fraudType);
    setTitle(replacing.title);
    setLookFor(replacing.lookFor);
    setValidUntil(replacing.validUntilWeek ?? '');
    setScope(draftOfScope(effectiveScope(replacing)));
    setKeepCrops(replacing.crops.map((_, i) => i));
    setCrops(NO_CROPS);
    setDone(null);
    setProblem(null);
    const loaded = loadedCls.current;
    if (loaded?.id === replacing.documentClassId) {
      pendingSpots.current = null;
      setSpots(replacing.hotspots.map((h) => draftOf(h, loaded)));
    } else {
      pendingSpots.current = { classId: replacing.documentClassId, hotspots: replacing.hotspots };
      setClassId(replacing.documentClassId);
    }
  }, [replacing]);

  const clear = () => {
    setTitle('');
    setLookFor('');
    setSpots([]);
    setValidUntil('');
    setKeepCrops([]);
    setCrops(NO_CROPS);
  };

  const cancelReplace = () => {
    clear();
    setProblem(null);
    onCancelReplace?.();
  };

  const cropSource = source && cls && source.classId === cls.id ? source : null;
  // The replaced alert's crops show its own class: they can be kept only for that class.
  const keepingCrops = replacing !== null && replacing.crops.length > 0 && classId === replacing.documentClassId;
  const hotspots = useMemo(() => spots.map(toHotspot), [spots]);

  const publish = async () => {
    if (!cls || !title.trim() || !lookFor.trim()) return setProblem(t('alerts.missing'));
    if (spots.some((s) => !s.label.trim())) return setProblem(t('hotspots.noLabel'));
    if (spots.some((s) => overlapOf(s, cls))) return setProblem(t('hotspots.fixOverlap'));
    const shownOn = scopeOfDraft(scope);
    if (!shownOn) return setProblem(t('alertScope.missing'));
    const cropping = cropSource && (crops.zoneIds.length > 0 || crops.spotKeys.length > 0);
    if (cropping && (!crops.ready || !crops.confirmed)) return setProblem(t('alerts.checkCrops'));
    const until = validUntil.trim().toUpperCase();
    await run(async () => {
      const fields = {
        documentClassId: cls.id,
        fraudType,
        title: title.trim(),
        lookFor: lookFor.trim(),
        hotspots,
        examinationId: cropping ? cropSource.examinationId : null,
        cropZoneIds: cropping ? crops.zoneIds : [],
        cropHotspots: cropping ? crops.spotKeys.map((key) => spots.findIndex((s) => s.key === key)).filter((i) => i >= 0) : [],
        validUntilWeek: until || null,
        scope: shownOn,
      };
      const alert = replacing
        ? await loupe['trends:replaceAlert']({ ...fields, replaces: replacing.id, keepCrops: keepingCrops ? keepCrops : [] })
        : await loupe['trends:publishAlert'](fields);
      setDone(t(replacing ? 'alertReplace.published' : 'alerts.published', { title: alert.title, week: alert.week }));
      clear();
      onPublished?.(alert);
    });
  };

  return (
    <section ref={section} className="panel" data-testid="alert-publish">
      <h3 className="panel__title">{t(replacing ? 'alertReplace.title' : 'alerts.title')}</h3>
      {replacing && (
        <div className="trends__replacing" data-testid="alert-replacing">
          <p>{t('alertReplace.lead', { title: replacing.title, week: replacing.week })}</p>
          <button type="button" className="button button--small" onClick={cancelReplace} data-testid="alert-replace-cancel">{t('alertReplace.cancel')}</button>
        </div>
      )}
      {source && <p className="muted" data-testid="alert-source">{t('alerts.fromExamination', { label: source.label })}</p>}
      <form className="trends__form trends__form--alert" onSubmit={(e) => { e.preventDefault(); void publish(); }}>
        <label className="field">
          <span className="field__label">{t('alerts.class')}</span>
          <select ref={classField} className="input" value={classId} onChange={(e) => setClassId(e.target.value)} data-testid="alert-class">
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
          <textarea className="input textarea" value={lookFor} maxLength={4000} rows={3} onChange={(e) => setLookFor(e.target.value)} data-testid="alert-look-for" />
        </label>
        {cls && <HotspotEditor key={cls.id} cls={cls} referenceBase={referenceBase} spots={spots} onChange={setSpots} />}
        {cls && cropSource && <AlertCropPicker cls={cls} examinationId={cropSource.examinationId} spots={spots} value={crops} onChange={setCrops} />}
        {cls && !cropSource && <p className="muted small">{t('alerts.noExamination')}</p>}
        {keepingCrops && replacing && (
          <fieldset className="trends__zones" data-testid="alert-keep-crops">
            <legend className="field__label">{t('alertReplace.keepCrops')}</legend>
            {replacing.crops.map((c, i) => (
              <label key={`${c.zoneId}-${i}`} className="trends__zone">
                <input
                  type="checkbox"
                  checked={keepCrops.includes(i)}
                  onChange={(e) => setKeepCrops((list) => (e.target.checked ? [...list.filter((x) => x !== i), i] : list.filter((x) => x !== i)))}
                  data-testid={`alert-keep-crop-${i}`}
                />{' '}
                {t('alertReplace.keepCrop', { label: c.label, light: t(`viewer.light.${c.light}`) })}
              </label>
            ))}
          </fieldset>
        )}
        <AlertScopeFields value={scope} onChange={setScope} />
        <label className="field">
          <span className="field__label">{t('alerts.validUntil')}</span>
          <input className="input" value={validUntil} placeholder="2027-W10" onChange={(e) => setValidUntil(e.target.value)} data-testid="alert-valid-until" />
        </label>
        <button type="submit" className="button button--primary" disabled={busy} data-testid="alert-publish-button">{t(replacing ? 'alertReplace.publish' : 'alerts.publish')}</button>
        {problem && <p className="form-problem" role="alert" data-testid="alert-problem">{problem}</p>}
        {done && <p className="muted" role="status" data-testid="alert-published">{done}</p>}
      </form>
    </section>
  );
}
