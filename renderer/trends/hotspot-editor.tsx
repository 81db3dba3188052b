// Hotspots of an expert alert, drawn on the class's reference image: drag to draw, drag the
// selected box to move it, or use the keyboard on the focused image (N adds, arrows move, Shift +
// arrows resize, Delete removes, Tab goes to the next box). Each box has a short label. A box over
// the holder's data (portrait, MRZ, data fields, signature) turns red: the station refuses it.
// The class's security-feature zones stay available as checkboxes, the quick way.
import { useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { referenceSizePx } from '../../electron/contract/hotspot-privacy';
import { LIGHTS, type Light } from '../../electron/contract/capture.contract';
import type { DocumentClass } from '../../electron/contract/reference.contract';
import { t } from '../i18n/t';
import { boxFromDrag, nudge, type ImageSize } from '../reference/class-edit';
import { clampBox, featureZones, freeSpot, hotspotFromZone, hotspotKey, overlapOf, withBox, type DraftHotspot } from './hotspot-edit';

const MIN_DRAWN = 4;
const STEP = 10;

interface Point {
  x: number;
  y: number;
}

type Drag = { mode: 'draw'; a: Point; b: Point; hit: string | null } | { mode: 'move'; key: string; from: Point; to: Point };

export function HotspotEditor({ cls, referenceBase, spots, onChange }: {
  cls: DocumentClass;
  referenceBase: string;
  spots: DraftHotspot[];
  onChange: (spots: DraftHotspot[]) => void;
}) {
  const [light, setLight] = useState<Light>('white');
  const [size, setSize] = useState<ImageSize | null>(null);
  const [missing, setMissing] = useState<Light | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [drag, setDrag] = useState<Drag | null>(null);
  const surface = useRef<HTMLDivElement>(null);
  const svg = useRef<SVGSVGElement>(null);
  const lights = LIGHTS.filter((l) => cls.images[l]);
  // Boxes are checked against the class's page size when the image cannot be shown.
  const area = size ?? referenceSizePx(cls);

  const index = spots.findIndex((s) => s.key === selected);
  const current = index >= 0 ? spots[index]! : null;
  const replace = (key: string, next: DraftHotspot) => onChange(spots.map((s) => (s.key === key ? next : s)));
  const nextLabel = () => t('hotspots.defaultLabel', { n: spots.length + 1 });

  const add = (box = freeSpot(cls, area)) => {
    const spot: DraftHotspot = { key: hotspotKey(), light, ...clampBox(box, area), label: nextLabel(), zoneId: null };
    onChange([...spots, spot]);
    setSelected(spot.key);
  };

  const remove = (key: string) => {
    const at = spots.findIndex((s) => s.key === key);
    const rest = spots.filter((s) => s.key !== key);
    onChange(rest);
    setSelected(rest[Math.min(at, rest.length - 1)]?.key ?? null);
  };

  const toggleZone = (zoneId: string, on: boolean) => {
    if (!on) return onChange(spots.filter((s) => s.zoneId !== zoneId));
    const zone = cls.zones.find((z) => z.id === zoneId);
    if (zone) onChange([...spots, hotspotFromZone(zone)]);
  };

  const toImage = (event: PointerEvent): Point => {
    const rect = svg.current!.getBoundingClientRect();
    return { x: ((event.clientX - rect.left) * area.w) / rect.width, y: ((event.clientY - rect.top) * area.h) / rect.height };
  };

  const onKey = (event: KeyboardEvent<HTMLDivElement>) => {
    const handled = () => {
      event.preventDefault();
      event.stopPropagation();
    };
    if (event.key === 'n' || event.key === 'N' || event.key === 'Insert') {
      handled();
      add();
      return;
    }
    if (event.key === 'Tab') {
      // Through the boxes, then on to the rest of the form: the keyboard never gets stuck here.
      const to = event.shiftKey ? (index < 0 ? -1 : index - 1) : index + 1;
      if (spots.length > 0 && to >= 0 && to < spots.length) {
        handled();
        setSelected(spots[to]!.key);
      }
      return;
    }
    if (!current) return;
    if (event.key === 'Escape') {
      handled();
      setSelected(null);
      return;
    }
    if (event.key === 'Delete' || event.key === 'Backspace') {
      handled();
      remove(current.key);
      return;
    }
    const steps: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
    const step = steps[event.key];
    if (!step) return;
    handled();
    const scale = event.altKey ? 1 : STEP;
    replace(current.key, withBox(current, clampBox(nudge(current, step[0] * scale, step[1] * scale, event.shiftKey), area), cls));
  };

  const finishDrag = () => {
    if (!drag) return;
    if (drag.mode === 'draw') {
      const drawn = boxFromDrag(drag.a, drag.b, area);
      if (drawn.w >= MIN_DRAWN && drawn.h >= MIN_DRAWN) add(drawn);
      else setSelected(drag.hit);
    } else {
      const spot = spots.find((s) => s.key === drag.key);
      const dx = Math.round(drag.to.x - drag.from.x);
      const dy = Math.round(drag.to.y - drag.from.y);
      if (spot && (dx !== 0 || dy !== 0)) replace(spot.key, withBox(spot, clampBox({ ...spot, x: spot.x + dx, y: spot.y + dy }, area), cls));
    }
    setDrag(null);
  };

  const drawn = drag?.mode === 'draw' ? boxFromDrag(drag.a, drag.b, area) : null;
  const shown = (spot: DraftHotspot) => (drag?.mode === 'move' && drag.key === spot.key ? { ...spot, x: spot.x + drag.to.x - drag.from.x, y: spot.y + drag.to.y - drag.from.y } : spot);
  const zones = featureZones(cls);

  return (
    <fieldset className="hotspots" data-testid="hotspot-editor">
      <legend className="field__label">{t('alerts.hotspots')}</legend>
      <p className="muted small">{t('hotspots.lead')}</p>
      <div className="hotspots__toolbar">
        <span className="muted small">{t('hotspots.light')}</span>
        {lights.map((l) => (
          <button key={l} type="button" className={`button button--small button--toggle${l === light ? ' button--toggle-on' : ''}`} aria-pressed={l === light} onClick={() => setLight(l)} data-testid={`hotspot-light-${l}`}>
            {t(`viewer.light.${l}`)}
          </button>
        ))}
        <button type="button" className="button button--small" onClick={() => { add(); surface.current?.focus(); }} data-testid="hotspot-add">{t('hotspots.add')}</button>
      </div>
      <div
        ref={surface}
        className="hotspots__surface"
        tabIndex={0}
        role="application"
        aria-label={t('hotspots.image', { cls: cls.id, light: t(`viewer.light.${light}`) })}
        aria-describedby="hotspot-status"
        onKeyDown={onKey}
        data-testid="hotspot-surface"
      >
        {missing === light ? (
          <p className="muted">{t('hotspots.imageMissing', { light: t(`viewer.light.${light}`) })}</p>
        ) : (
          <img
            className="hotspots__img"
            src={`${referenceBase}${cls.id}/${light}`}
            alt=""
            draggable={false}
            onLoad={(e) => setSize({ w: e.currentTarget.naturalWidth, h: e.currentTarget.naturalHeight })}
            onError={() => setMissing(light)}
            data-testid="hotspot-image"
          />
        )}
        {size && missing !== light && (
          <svg
            ref={svg}
            className="hotspots__boxes"
            viewBox={`0 0 ${area.w} ${area.h}`}
            preserveAspectRatio="none"
            onPointerDown={(e) => {
              if (e.button !== 0) return;
              surface.current?.focus();
              const hit = (e.target as Element).closest('[data-hotspot-key]')?.getAttribute('data-hotspot-key') ?? null;
              e.currentTarget.setPointerCapture(e.pointerId);
              const p = toImage(e);
              setDrag(hit !== null && hit === selected ? { mode: 'move', key: hit, from: p, to: p } : { mode: 'draw', a: p, b: p, hit });
            }}
            onPointerMove={(e) => {
              if (!drag) return;
              const p = toImage(e);
              setDrag(drag.mode === 'draw' ? { ...drag, b: p } : { ...drag, to: p });
            }}
            onPointerUp={finishDrag}
            onPointerCancel={() => setDrag(null)}
            data-testid="hotspot-boxes"
          >
            {spots.map((spot, i) => {
              const box = shown(spot);
              const overlap = overlapOf(spot, cls);
              const refused = overlap !== null;
              const classes = ['hotspot', spot.light === light ? '' : 'hotspot--other-light', spot.key === selected ? 'hotspot--selected' : '', refused ? 'hotspot--refused' : ''].filter(Boolean).join(' ');
              return (
                <g key={spot.key} className={classes} data-hotspot-key={spot.key} data-testid="hotspot-box" data-index={i} data-selected={spot.key === selected ? 'true' : 'false'} data-refused={refused ? 'true' : 'false'} data-refused-by={overlap?.zoneId ?? ''} data-box={`${spot.x},${spot.y},${spot.w},${spot.h}`}>
                  <title>{spot.label}</title>
                  <rect x={box.x} y={box.y} width={box.w} height={box.h} vectorEffect="non-scaling-stroke" />
                  <text x={box.x + 6} y={box.y + Math.max(area.h * 0.03, 14)} className="hotspot__number">{i + 1}</text>
                  {overlap && (
                    <text x={box.x + 6} y={box.y + box.h - 8} className="hotspot__refused" data-testid="hotspot-refused-by">{t('hotspots.refusedBy', { zone: overlap.label })}</text>
                  )}
                </g>
              );
            })}
            {drawn && drawn.w > 0 && <rect className="hotspot-drawing" x={drawn.x} y={drawn.y} width={drawn.w} height={drawn.h} vectorEffect="non-scaling-stroke" />}
          </svg>
        )}
      </div>
      <p id="hotspot-status" className="muted small" aria-live="polite" data-testid="hotspot-status">
        {current ? t('hotspots.selected', { n: index + 1, count: spots.length, label: current.label, light: t(`viewer.light.${current.light}`), w: current.w, h: current.h, x: current.x, y: current.y }) : spots.length === 0 ? t('hotspots.none') : ''}
      </p>
      {spots.length > 0 && (
        <ol className="hotspots__list">
          {spots.map((spot, i) => {
            const overlap = overlapOf(spot, cls);
            return (
              <li key={spot.key} className={`hotspots__item${spot.key === selected ? ' hotspots__item--selected' : ''}`} data-testid="hotspot-item">
                <input
                  className="input"
                  value={spot.label}
                  maxLength={120}
                  aria-label={t('hotspots.label', { n: i + 1 })}
                  onFocus={() => setSelected(spot.key)}
                  onChange={(e) => replace(spot.key, { ...spot, label: e.target.value })}
                  data-testid={`hotspot-label-${i}`}
                />
                <span className="muted small">{t(`viewer.light.${spot.light}`)}</span>
                <button type="button" className="button button--ghost button--small" onClick={() => remove(spot.key)} data-testid={`hotspot-remove-${i}`}>{t('hotspots.remove')}</button>
                {overlap && <span className="form-problem small" role="alert">{t('hotspots.overlap', { zone: overlap.label })}</span>}
              </li>
            );
          })}
        </ol>
      )}
      {zones.length > 0 && (
        <div className="trends__zones" role="group" aria-label={t('hotspots.zones')}>
          <span className="field__label">{t('hotspots.zones')}</span>
          {zones.map((z) => (
            <label key={z.id} className="trends__zone">
              <input type="checkbox" checked={spots.some((s) => s.zoneId === z.id)} onChange={(e) => toggleZone(z.id, e.target.checked)} data-testid={`alert-zone-${z.id}`} />
              {z.label}
            </label>
          ))}
        </div>
      )}
    </fieldset>
  );
}
