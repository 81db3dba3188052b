// Finding regions drawn over the image, in image pixels (the SVG shares the image's coordinate system).
import type { Box } from '../../electron/contract/capture.contract';
import type { CheckStatus } from '../../electron/contract/examination.contract';

export interface OverlayBox {
  key: string;
  checkId: string;
  title: string;
  status: CheckStatus;
  box: Box;
}

export function FindingOverlay({ boxes, width, height, selectedId, onSelect }: {
  boxes: OverlayBox[];
  width: number;
  height: number;
  selectedId: string | null;
  onSelect: (checkId: string) => void;
}) {
  return (
    <svg className="overlay" viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="none" data-testid="viewer-overlay">
      {boxes.map((b) => (
        <g
          key={b.key}
          className={`overlay__box overlay__box--${b.status}${b.checkId === selectedId ? ' overlay__box--selected' : ''}`}
          data-testid={`overlay-${b.checkId}`}
          onClick={(e) => {
            e.stopPropagation();
            onSelect(b.checkId);
          }}
        >
          <title>{b.title}</title>
          <rect x={b.box.x} y={b.box.y} width={b.box.w} height={b.box.h} vectorEffect="non-scaling-stroke" />
        </g>
      ))}
    </svg>
  );
}
