// Example crops for an expert alert, taken from the examination on screen: the class's security
// features and the drawn hotspots are the candidates; the chosen ones are shown redacted (every
// personal zone painted black, on the station: trends:previewCrops) and the examiner confirms them
// before they can be attached. Any change to the choice or to a chosen box shows them again.
import { useEffect, useRef, useState } from 'react';
import type { DocumentClass } from '../../electron/contract/reference.contract';
import type { Hotspot } from '../../electron/contract/trends.contract';
import { loupe } from '../api/loupe';
import { toUiError } from '../api/api-error';
import { t } from '../i18n/t';
import { base64ToBlob } from './file-bytes';
import { featureZones, overlapOf, toHotspot, type DraftHotspot } from './hotspot-edit';

const MAX_CROPS = 8;

export interface CropChoice {
  zoneIds: string[];
  /** Drawn hotspots (by key) to crop. */
  spotKeys: string[];
  /** The examiner ticked that the crops shown hold no personal data. */
  confirmed: boolean;
  /** The crops shown are those of the current choice. */
  ready: boolean;
}

interface Preview {
  id: string;
  label: string;
  url: string;
}

/** The drawn hotspots that can be cropped (not chosen by checkbox, not over personal data). */
function croppable(spots: readonly DraftHotspot[], cls: DocumentClass): DraftHotspot[] {
  return spots.filter((s) => s.zoneId === null && s.label.trim() && !overlapOf(s, cls));
}

export function cropRequestOf(choice: CropChoice, spots: readonly DraftHotspot[], cls: DocumentClass): { zoneIds: string[]; hotspots: Hotspot[]; keys: string[] } {
  const chosen = croppable(spots, cls).filter((s) => choice.spotKeys.includes(s.key));
  return { zoneIds: choice.zoneIds, hotspots: chosen.map(toHotspot), keys: chosen.map((s) => s.key) };
}

export function AlertCropPicker({ cls, examinationId, spots, value, onChange }: {
  cls: DocumentClass;
  examinationId: string;
  spots: DraftHotspot[];
  value: CropChoice;
  onChange: (choice: CropChoice) => void;
}) {
  const [previews, setPreviews] = useState<Preview[]>([]);
  const [loading, setLoading] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const latest = useRef({ value, onChange });
  latest.current = { value, onChange };

  const request = cropRequestOf(value, spots, cls);
  const signature = JSON.stringify([examinationId, request.zoneIds, request.hotspots]);
  const candidates = [
    ...featureZones(cls).map((z) => ({ id: `zone:${z.id}`, label: t('alerts.cropCandidate.zone', { label: z.label }), checked: value.zoneIds.includes(z.id) })),
    ...croppable(spots, cls).map((s) => ({ id: `spot:${s.key}`, label: t('alerts.cropCandidate.hotspot', { n: spots.indexOf(s) + 1, label: s.label }), checked: value.spotKeys.includes(s.key) })),
  ];
  const count = request.zoneIds.length + request.hotspots.length;

  useEffect(() => () => previews.forEach((p) => URL.revokeObjectURL(p.url)), [previews]);

  // The choice (or a chosen box) changed: what was shown no longer stands; show it again.
  useEffect(() => {
    const { value: choice, onChange: change } = latest.current;
    setProblem(null);
    if (request.zoneIds.length + request.hotspots.length === 0) {
      setPreviews([]);
      if (!choice.ready || choice.confirmed) change({ ...choice, spotKeys: request.keys, ready: true, confirmed: false });
      return;
    }
    change({ ...choice, spotKeys: request.keys, ready: false, confirmed: false });
    let live = true;
    const timer = window.setTimeout(() => {
      setLoading(true);
      loupe['trends:previewCrops']({ examinationId, zoneIds: request.zoneIds, hotspots: request.hotspots })
        .then((crops) => {
          if (!live) return;
          setPreviews(crops.map((c) => ({ id: c.zoneId, label: c.label, url: URL.createObjectURL(base64ToBlob(c.pngBase64, 'image/png')) })));
          const now = latest.current.value;
          latest.current.onChange({ ...now, spotKeys: request.keys, ready: true, confirmed: false });
        }, (e: unknown) => live && setProblem(toUiError(e).message))
        .finally(() => live && setLoading(false));
    }, 250);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
    // The signature stands for the request: re-run only when what would be cropped changes.
  }, [signature]);

  const toggle = (id: string, on: boolean) => {
    const [kind, key] = id.split(/:(.*)/s) as [string, string];
    if (kind === 'zone') onChange({ ...value, zoneIds: on ? [...value.zoneIds, key] : value.zoneIds.filter((z) => z !== key) });
    else onChange({ ...value, spotKeys: on ? [...value.spotKeys, key] : value.spotKeys.filter((k) => k !== key) });
  };

  return (
    <fieldset className="trends__zones trends__crop-picker" data-testid="alert-crops">
      <legend className="field__label">{t('alerts.crops')}</legend>
      <p className="muted small">{t('alerts.cropsLead')}</p>
      {candidates.map((c) => (
        <label key={c.id} className="trends__zone">
          <input type="checkbox" checked={c.checked} disabled={!c.checked && count >= MAX_CROPS} onChange={(e) => toggle(c.id, e.target.checked)} data-testid={`alert-crop-${c.id.replace(':', '-')}`} />
          {c.label}
        </label>
      ))}
      {loading && <span className="trends__busy" role="status"><span className="progress__bar progress__bar--indeterminate"><span className="progress__fill" /></span> {t('alerts.cropsLoading')}</span>}
      {problem && <p className="form-problem" role="alert" data-testid="alert-crops-problem">{problem}</p>}
      {value.ready && count > 0 && previews.length > 0 && (
        <div className="trends__crops">
          {previews.map((p) => (
            <figure key={p.id} className="trends__crop">
              <img src={p.url} alt={t('alerts.cropAlt', { label: p.label })} data-testid={`alert-crop-preview-${p.id}`} />
              <figcaption>{p.label}</figcaption>
            </figure>
          ))}
          <label className="trends__zone">
            <input type="checkbox" checked={value.confirmed} onChange={(e) => onChange({ ...value, confirmed: e.target.checked })} data-testid="alert-crops-checked" />
            {t('alerts.cropsChecked')}
          </label>
        </div>
      )}
    </fieldset>
  );
}
