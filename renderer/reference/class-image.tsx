// One reference image of a class with its zones outlined (label on each box). In edit mode a drag on
// the image draws a new zone, a click selects one, and the arrow keys nudge the selected zone
// (Shift + arrows resize it). Coordinates are reference pixels: the SVG shares the image's space.
import { useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import type { Box, Light } from '../../electron/contract/capture.contract';
import type { ReferenceZone } from '../../electron/contract/reference.contract';
import { t } from '../i18n/t';
import { boxFromDrag, nudge, type ImageSize } from './class-edit';

const MIN_DRAWN = 4;

export function ClassImage({ src, light, zones, size, onSize, selectedId, onSelect, editing, onDraw, onMove }: {
  src: string;
  light: Light;
  zones: ReferenceZone[];
  size: ImageSize | null;
  onSize: (size: ImageSize) => void;
  selectedId: string | null;
  onSelect: (id: string | null) => void;
  editing: boolean;
  onDraw: (box: Box) => void;
  onMove: (id: string, box: Box) => void;
}) {
  const svgRef = useRef<SVGSVGElement>(null);
  // A drag draws a new zone (zones cover most of the page, so it may start on one); a click without
  // movement selects the zone under the pointer.
  const [drag, setDrag] = useState<{ a: { x: number; y: number }; b: { x: number; y: number }; hit: string | null } | null>(null);
  const [missing, setMissing] = useState(false);

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
          onPointerMove={(e) => drag && setDrag({ ...drag, b: toImage(e) })}
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
              className={`zone zone--${zone.kind}${zone.id === selectedId ? ' zone--selected' : ''}`}
              data-testid={`zone-${zone.id}`}
              data-zone-id={zone.id}
            >
              <title>{zone.label}</title>
              <rect x={zone.box.x} y={zone.box.y} width={zone.box.w} height={zone.box.h} vectorEffect="non-scaling-stroke" />
              <text x={zone.box.x + 6} y={zone.box.y + Math.max(size.h * 0.025, 12)} className="zone__label">{zone.label || t('zone.new')}</text>
            </g>
          ))}
          {drawn && drawn.w > 0 && <rect className="zone-drawing" x={drawn.x} y={drawn.y} width={drawn.w} height={drawn.h} vectorEffect="non-scaling-stroke" data-testid="zone-drawing" />}
        </svg>
      )}
    </div>
  );
}
