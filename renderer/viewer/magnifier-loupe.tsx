// The magnifier: a second rendering of the page at higher zoom, in a circle following the pointer.
// Positions are set through the CSSOM (style properties), which the Content-Security-Policy allows.
const DIAMETER = 240;
const FACTOR = 3;

export function MagnifierLoupe({ src, pointer, scale, tx, ty, width, height }: {
  src: string;
  pointer: { x: number; y: number };
  scale: number;
  tx: number;
  ty: number;
  width: number;
  height: number;
}) {
  // Image point under the pointer, shown at the circle's centre at FACTOR × the current scale.
  const ix = (pointer.x - tx) / scale;
  const iy = (pointer.y - ty) / scale;
  const s = scale * FACTOR;
  return (
    <div
      className="magnifier"
      data-testid="magnifier"
      aria-hidden="true"
      style={{ left: pointer.x - DIAMETER / 2, top: pointer.y - DIAMETER / 2, width: DIAMETER, height: DIAMETER }}
    >
      <img
        className="magnifier__image"
        src={src}
        alt=""
        draggable={false}
        style={{ width, height, transform: `translate(${DIAMETER / 2 - ix * s}px, ${DIAMETER / 2 - iy * s}px) scale(${s})` }}
      />
    </div>
  );
}
