// One reference class: its images per light with the zones outlined, the zone list (label, kind,
// expectation per light, note), and for experts the editor: draw, edit, remove zones, then save as
// a new version in the station library, or retire the class after a confirmation. A class learned
// from genuine captures shows how its thresholds are backed and takes more captures (a new
// version); a proposal of the learning domain opens here in edit mode, drawn on its own images.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { LIGHTS, type Light } from '../../electron/contract/capture.contract';
import type { DocumentClass, ReferenceZone } from '../../electron/contract/reference.contract';
import { t } from '../i18n/t';
import { CalibrationPanel } from './calibration-panel';
import { ClassImage } from './class-image';
import { expectationSummary, newZone, validateClass, type ImageSize } from './class-edit';
import { ZoneForm } from './zone-form';

/** A class proposed from captures, not saved yet: its images come with it, and leaving the editor discards it. */
export interface ProposalMode {
  imageSrc: (light: Light) => string;
  title: string;
  report: ReactNode;
  onDiscard: () => void;
}

export function ClassDetail({ cls, source, referenceBase, light, onLight, onSave, onRetire, onGrow, compare, proposal }: {
  cls: DocumentClass;
  source: 'builtin' | 'user';
  referenceBase: string;
  light: Light;
  onLight: (light: Light) => void;
  onSave: (cls: DocumentClass) => Promise<number | null>;
  onRetire: (id: string) => Promise<boolean>;
  /** More genuine captures for a learned class (absent: the class cannot grow here). */
  onGrow?: (files: File[]) => Promise<void>;
  compare: ReactNode;
  proposal?: ProposalMode;
}) {
  const [draft, setDraft] = useState<DocumentClass>(cls);
  const isProposal = !!proposal;
  const [editing, setEditing] = useState(isProposal);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [hoverId, setHoverId] = useState<string | null>(null);
  const [size, setSize] = useState<ImageSize | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const [confirmRetire, setConfirmRetire] = useState(false);
  const [busy, setBusy] = useState(false);
  const labelRef = useRef<HTMLInputElement>(null);
  const focusLabel = useRef(false);

  useEffect(() => {
    setDraft(cls);
    setEditing(isProposal);
    setProblems([]);
    setConfirmRetire(false);
  }, [cls, isProposal]);
  useEffect(() => {
    if (focusLabel.current) labelRef.current?.focus();
    focusLabel.current = false;
  }, [selectedId]);

  const zones = editing ? draft.zones : cls.zones;
  const selected = zones.find((z) => z.id === selectedId) ?? null;
  const light0: Light = cls.images[light] ? light : 'white';
  const updateZone = (zone: ReferenceZone) => setDraft((d) => ({ ...d, zones: d.zones.map((z) => (z.id === zone.id ? zone : z)) }));

  const save = async () => {
    const found = validateClass(draft, size);
    setProblems(found);
    if (found.length > 0) return;
    setBusy(true);
    const version = await onSave(draft);
    setBusy(false);
    if (version !== null) setNotice(t('reference.saved', { version }));
  };

  const grow = async (files: File[]) => {
    if (!onGrow || files.length === 0) return;
    setBusy(true);
    setNotice(t('learn.growing'));
    await onGrow(files);
    setBusy(false);
    setNotice(null);
  };

  const retire = async () => {
    setBusy(true);
    const done = await onRetire(cls.id);
    setBusy(false);
    setConfirmRetire(false);
    if (done) setNotice(t('reference.retired'));
  };

  return (
    <section className="panel class-detail" data-testid={proposal ? 'learn-proposal' : 'class-detail'} data-class-id={cls.id} data-version={cls.version} data-source={source} data-status={cls.status}>
      {proposal && <p className="notice" data-testid="proposal-title">{proposal.title}</p>}
      <header className="panel__header">
        <h2 className="panel__title">{cls.documentType}</h2>
        <span className="panel__meta" data-testid="class-meta">
          {t('reference.classMeta', { format: cls.format, series: cls.series, version: cls.version, source: t(`reference.source.${source}`), status: t(`reference.status.${cls.status}`) })}
        </span>
      </header>
      <div className="class-detail__toolbar" role="toolbar">
        <div className="segmented" role="radiogroup" aria-label={t('shortcuts.lights')}>
          {LIGHTS.map((l, index) => (
            <button key={l} type="button" role="radio" aria-checked={l === light0} disabled={!cls.images[l]} className={`segmented__item segmented__item--${l}${l === light0 ? ' segmented__item--on' : ''}`} onClick={() => onLight(l)} data-testid={`reference-light-${l}`}>
              <kbd className="kbd">{index + 1}</kbd> {t(`viewer.light.${l}`)}
            </button>
          ))}
        </div>
        {compare}
        {proposal ? (
          <>
            <button type="button" className="button button--primary button--small" disabled={busy} onClick={() => void save()} data-testid="proposal-save">{busy ? t('reference.saving') : t('learn.save')}</button>
            <button type="button" className="button button--small button--ghost" disabled={busy} onClick={proposal.onDiscard} data-testid="proposal-discard">{t('learn.discard')}</button>
          </>
        ) : editing ? (
          <>
            <button type="button" className="button button--primary button--small" disabled={busy} onClick={() => void save()} data-testid="class-save">{busy ? t('reference.saving') : t('reference.save')}</button>
            <button type="button" className="button button--small button--ghost" onClick={() => { setDraft(cls); setEditing(false); setProblems([]); }} data-testid="class-discard">{t('reference.stopEdit')}</button>
          </>
        ) : (
          <button type="button" className="button button--small" onClick={() => { setEditing(true); setNotice(null); }} data-testid="class-edit">{t('reference.edit')}</button>
        )}
        {onGrow && cls.learning && !editing && (
          <label className={`button button--small${busy ? ' button--disabled' : ''}`} data-testid="class-grow">
            {t('learn.grow')}
            <input type="file" multiple hidden disabled={busy} accept="image/png,image/jpeg,image/tiff,image/webp" onChange={(e) => void grow([...(e.target.files ?? [])])} data-testid="class-grow-files" />
          </label>
        )}
        {!proposal && cls.status === 'active' && !editing && (
          <button type="button" className="button button--small button--ghost" onClick={() => setConfirmRetire(true)} data-testid="class-retire">{t('reference.retire')}</button>
        )}
      </div>
      {confirmRetire && (
        <div className="confirm" role="alertdialog" aria-labelledby="retire-question" data-testid="retire-confirm">
          <p id="retire-question">{t('reference.retireConfirm', { label: cls.documentType })}</p>
          <button type="button" className="button button--small button--danger" disabled={busy} onClick={() => void retire()} data-testid="retire-yes" autoFocus>{t('reference.retireYes')}</button>
          <button type="button" className="button button--small" onClick={() => setConfirmRetire(false)} data-testid="retire-no">{t('reference.retireNo')}</button>
        </div>
      )}
      {notice && <p className="notice" role="status" data-testid="class-notice">{notice}</p>}
      {problems.length > 0 && (
        <div className="form-problem" role="alert" data-testid="class-problems">
          <p>{t('reference.problems')}</p>
          <ul>{problems.map((p) => <li key={p}>{p}</li>)}</ul>
        </div>
      )}
      {editing && <p className="muted small">{t('reference.drawHint')}</p>}
      <div className="class-detail__body">
        <ClassImage
          key={light0}
          src={proposal ? proposal.imageSrc(light0) : `${referenceBase}${cls.id}/${light0}`}
          light={light0}
          zones={zones}
          size={size}
          onSize={setSize}
          selectedId={selectedId}
          onSelect={setSelectedId}
          hoverId={hoverId}
          onHover={setHoverId}
          editing={editing}
          onDraw={(box) => {
            const zone = newZone(draft.zones, box);
            setDraft((d) => ({ ...d, zones: [...d.zones, zone] }));
            focusLabel.current = true;
            setSelectedId(zone.id);
          }}
          onMove={(id, box) => setDraft((d) => ({ ...d, zones: d.zones.map((z) => (z.id === id ? { ...z, box } : z)) }))}
        />
        <div className="class-detail__side">
          {editing && selected && (
            <ZoneForm zone={selected} labelRef={labelRef} onChange={updateZone} onRemove={() => {
              setDraft((d) => ({ ...d, zones: d.zones.filter((z) => z.id !== selected.id) }));
              setSelectedId(null);
            }} />
          )}
          {proposal?.report}
          <h3 className="layer__title">{t('reference.zones', { count: zones.length })}</h3>
          {zones.length === 0 && <p className="muted">{t('reference.noZones')}</p>}
          <ul className="zone-list" data-testid="zone-list">
            {zones.map((zone, index) => (
              <li
                key={zone.id}
                className={`zone-list__item${zone.id === selectedId ? ' zone-list__item--on' : ''}${zone.id === hoverId ? ' zone-list__item--hover' : ''}`}
                data-testid={`zone-item-${zone.id}`}
                onMouseEnter={() => setHoverId(zone.id)}
                onMouseLeave={() => setHoverId(null)}
              >
                <span className="zone-badge" data-testid={`zone-number-${zone.id}`}>{index + 1}</span>
                <button type="button" className="link-button" onClick={() => setSelectedId(zone.id)}>{zone.label || t('zone.new')}</button>
                <span className="muted"> · {zone.kind}{zone.personal ? ` · ${t('zone.personalShort')}` : ''}</span>
                {expectationSummary(zone).map((line) => <span key={line} className="zone-list__expect">{line}</span>)}
                {zone.note && <span className="zone-list__note">{zone.note}</span>}
              </li>
            ))}
          </ul>
        </div>
      </div>
      <CalibrationPanel cls={cls} />
    </section>
  );
}
