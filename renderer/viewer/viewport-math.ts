// Zoom and pan of one image inside a viewport. The view is stored as the image point shown at the
// viewport centre plus a zoom factor relative to "fit", so resizing the window keeps what is looked at.
import type { Box } from '../../electron/contract/capture.contract';

export interface Size {
  w: number;
  h: number;
}

export interface View {
  zoom: number;
  cx: number;
  cy: number;
}

export const MIN_ZOOM = 1;
export const MAX_ZOOM = 24;
const clampZoom = (zoom: number) => Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, zoom));

export function fitScale(viewport: Size, image: Size): number {
  if (viewport.w <= 0 || viewport.h <= 0 || image.w <= 0 || image.h <= 0) return 1;
  return Math.min(viewport.w / image.w, viewport.h / image.h) * 0.96;
}

export function centred(image: Size): View {
  return { zoom: 1, cx: image.w / 2, cy: image.h / 2 };
}

/** Screen transform: image pixel p appears at viewport point p * scale + (tx, ty). */
export function transformOf(view: View, viewport: Size, image: Size): { scale: number; tx: number; ty: number } {
  const scale = fitScale(viewport, image) * view.zoom;
  return { scale, tx: viewport.w / 2 - view.cx * scale, ty: viewport.h / 2 - view.cy * scale };
}

/** Zoom by `factor` keeping the image point under viewport point (px, py) still. */
export function zoomAt(view: View, viewport: Size, image: Size, factor: number, px: number, py: number): View {
  const { scale, tx, ty } = transformOf(view, viewport, image);
  const ix = (px - tx) / scale;
  const iy = (py - ty) / scale;
  const zoom = clampZoom(view.zoom * factor);
  const next = fitScale(viewport, image) * zoom;
  return clampCentre({ zoom, cx: ix + (viewport.w / 2 - px) / next, cy: iy + (viewport.h / 2 - py) / next }, image);
}

/** Move the view by a screen-pixel delta (dragging the image moves it with the pointer). */
export function panBy(view: View, viewport: Size, image: Size, dx: number, dy: number): View {
  const { scale } = transformOf(view, viewport, image);
  return clampCentre({ ...view, cx: view.cx - dx / scale, cy: view.cy - dy / scale }, image);
}

/** Centre on a box and zoom so it fills about half the viewport. */
export function focusOn(box: Box, viewport: Size, image: Size): View {
  const fit = fitScale(viewport, image);
  const wanted = Math.min((viewport.w * 0.5) / Math.max(box.w, 1), (viewport.h * 0.5) / Math.max(box.h, 1));
  return clampCentre({ zoom: clampZoom(wanted / fit), cx: box.x + box.w / 2, cy: box.y + box.h / 2 }, image);
}

function clampCentre(view: View, image: Size): View {
  return { zoom: view.zoom, cx: Math.min(image.w, Math.max(0, view.cx)), cy: Math.min(image.h, Math.max(0, view.cy)) };
}
