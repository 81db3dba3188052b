// One reference image of a class with its zones outlined, each with a numbered marker (the zone list
// gives the same number and the full label; the selected or hovered zone shows its label on the
// image, at a readable size whatever the scale). In edit mode a drag on
// the image draws a new zone, a click selects one, and the arrow keys nudge the selected zone
// (Shift + arrows resize it). Coordinates are reference pixels: the SVG shares the image's space.
import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import type { Box, Light } from '../../electron/contract/capture.contract';
import type { ReferenceZone } from '../../electron/contract/reference.contract';
import { t } from '../i18n/t';
import { boxFromDrag, nudge, type ImageSize } from './class-edit';
import { layoutZoneMarkers } from './zone-marker-layout';

const MIN_DRAWN = 4;
/** Marker and label text in CSS pixels on screen, converted to reference pixels at the shown scale. */
const MARKER_FONT_PX = 12;
const MARKER_HEIGHT_PX = 18;
const LABEL_FONT_PX = 13;
const LABEL_HEIGHT_PX = 22;

function markerWidthPx(n: number): number {
  return 8 + 7.5 * String(n).length;
}

export function ClassImage({ src, light, zones, size, onSize, selectedId, onSelect, hoverId, onHover, editing, onDraw, onMove }: {
  src: string;
  light: Light;
  zones: ReferenceZone[];
  size: ImageSize | null;
  onSize: (size: ImageSize) => void;
  selectedId: string | null;
  onSelect: (id: string | null) => void;
  hoverId: string | null;
  onHover: (id: string | null) => void;
  editing: boolean;
  onDraw: (box: Box) => void;
  onMove: (id: string, box: Box) => void;
}) {
  const svgRef = useRef<SVGSVGElement>(null);
  // A drag draws a new zone (zones cover most of the page, so it may start on one); a click without
  // movement selects the zone under the pointer.
  const [drag, setDrag] = useState<{ a: { x: number; y: number }; b: { x: number; y: number }; hit: string | null } | null>(null);
  const [missing, setMissing] = useState(false);
  // The shown width of the image, so markers keep their size on screen when the panel is resized.
  const frameRef = useRef<HTMLDivElement>(null);
  const [shownWidth, setShownWidth] = useState(0);
  useEffect(() => {
    const frame = frameRef.current;
    if (!frame) return undefined;
    const observer = new ResizeObserver(() => setShownWidth(frame.clientWidth));
    observer.observe(frame);
    setShownWidth(frame.clientWidth);
    return () => observer.disconnect();
  }, []);
  const perPx = size && shownWidth > 0 ? size.w / shownWidth : 1;
  const markers = useMemo(
    () => (size ? layoutZoneMarkers(zones.map((z) => z.box), zones.map((_, i) => ({ w: markerWidthPx(i + 1) * perPx, h: MARKER_HEIGHT_PX * perPx })), size) : []),
    [zones, size, perPx],
  );

  const toImage = (event: PointerEvent): { x: number; y: number } => {
    const rect = svgRef.current!.getBoundingClientRect();
    return { x: ((event.clientX - rect.left) * size!.w) / rect.width, y: ((event.clientY - rect.top) * size!.h) / rect.height };
  };

  const onKey = (event: KeyboardEvent) => {
    if (!editing || !selectedId) return;
    const steps: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
    const step = steps[event.key];
    const zone = zones.find((z) => z.id === selectedId);
    if (!step || !zone) return;
    event.preventDefault();
    const scale = event.altKey ? 10 : 2;
    onMove(zone.id, nudge(zone.box, step[0] * scale, step[1] * scale, event.shiftKey));
  };

  const drawn = drag && size ? boxFromDrag(drag.a, drag.b, size) : null;
  return (
    <div
      ref={frameRef}
      className={`class-image${editing ? ' class-image--editing' : ''}`}
      tabIndex={0}
      onKeyDown={onKey}
      data-testid="class-image"
      data-light={light}
      aria-label={t('reference.imageAlt', { light: t(`viewer.light.${light}`) })}
    >
      {missing ? (
        <p className="muted">{t('reference.imageMissing', { light: t(`viewer.light.${light}`) })}</p>
      ) : (
        <img
          className="class-image__img"
          src={src}
          alt={t('reference.imageAlt', { light: t(`viewer.light.${light}`) })}
          draggable={false}
          onLoad={(e) => onSize({ w: e.currentTarget.naturalWidth, h: e.currentTarget.naturalHeight })}
          onError={() => setMissing(true)}
          data-testid="class-image-img"
        />
      )}
      {size && !missing && (
        <svg
          ref={svgRef}
          className="class-image__zones"
          viewBox={`0 0 ${size.w} ${size.h}`}
          preserveAspectRatio="none"
          data-testid="class-zones"
          onPointerDown={(e) => {
            if (e.button !== 0) return;
            const hit = (e.target as Element).closest('[data-zone-id]')?.getAttribute('data-zone-id') ?? null;
            if (!editing) {
              onSelect(hit);
              return;
            }
            e.currentTarget.setPointerCapture(e.pointerId);
            const p = toImage(e);
            setDrag({ a: p, b: p, hit });
          }}
          onPointerMove={(e) => {
            if (drag) setDrag({ ...drag, b: toImage(e) });
            else onHover((e.target as Element).closest('[data-zone-id]')?.getAttribute('data-zone-id') ?? null);
          }}
          onPointerLeave={() => onHover(null)}
          onPointerUp={() => {
            if (drawn && drawn.w >= MIN_DRAWN && drawn.h >= MIN_DRAWN) onDraw(drawn);
            else onSelect(drag?.hit ?? null);
            setDrag(null);
          }}
          onPointerCancel={() => setDrag(null)}
        >
          {zones.map((zone) => (
            <g
              key={zone.id}
              className={`zone zone--${zone.kind}${zone.id === selectedId ? ' zone--selected' : ''}${zone.id === hoverId ? ' zone--hover' : ''}`}
              data-testid={`zone-${zone.id}`}
              data-zone-id={zone.id}
            >
              <title>{zone.label}</title>
              <rect x={zone.box.x} y={zone.box.y} width={zone.box.w} height={zone.box.h} vectorEffect="non-scaling-stroke" />
            </g>
          ))}
          {zones.map((zone, i) => {
            const m = markers[i];
            if (!m) return null;
            return (
              <g key={zone.id} className={`zone-marker${zone.id === selectedId || zone.id === hoverId ? ' zone-marker--on' : ''}`} data-testid={`zone-marker-${zone.id}`} data-marker-for={zone.id} aria-hidden="true">
                <rect x={m.x} y={m.y} width={m.w} height={m.h} rx={3 * perPx} />
                <text x={m.x + m.w / 2} y={m.y + m.h / 2} fontSize={MARKER_FONT_PX * perPx} textAnchor="middle" dominantBaseline="central">{i + 1}</text>
              </g>
            );
          })}
          {(() => {
            const index = zones.findIndex((z) => z.id === (hoverId ?? selectedId));
            const zone = zones[index];
            if (!zone) return null;
            const text = `${index + 1} · ${zone.label || t('zone.new')}`;
            // Roughly 0.6 em per character of the UI font; the box only has to hold the text.
            const w = Math.min(size.w, (text.length * LABEL_FONT_PX * 0.6 + 14) * perPx);
            const h = LABEL_HEIGHT_PX * perPx;
            const x = Math.min(Math.max(0, zone.box.x), size.w - w);
            const y = zone.box.y - h >= 0 ? zone.box.y - h : Math.min(size.h - h, zone.box.y + zone.box.h);
            return (
              <g className="zone-callout" data-testid="zone-callout" data-callout-for={zone.id} pointerEvents="none">
                <rect x={x} y={y} width={w} height={h} rx={4 * perPx} />
                <text x={x + 7 * perPx} y={y + h / 2} fontSize={LABEL_FONT_PX * perPx} dominantBaseline="central">{text}</text>
              </g>
            );
          })()}
          {drawn && drawn.w > 0 && <rect className="zone-drawing" x={drawn.x} y={drawn.y} width={drawn.w} height={drawn.h} vectorEffect="non-scaling-stroke" data-testid="zone-drawing" />}
        </svg>
      )}
    </div>
  );
}
