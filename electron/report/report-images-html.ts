// The document images, one figure per light, with the evidence regions drawn over the image of
// the light they were measured in. Region coordinates are pixels of the captured image, so the SVG
// viewBox is the captured size whatever size the embedded (downscaled) picture has.
import { LIGHTS } from '../contract/capture.contract';
import type { Light } from '../contract/capture.contract';
import type { CaptureImage, CheckStatus } from '../contract/examination.contract';
import { escapeHtml, svgNumber } from './report-escape';
import type { ReportOverlay } from './report-overlays';
import type { ReportT } from './report-language';

/** An image as the caller read it from disk. `dataUrl` null: the file is missing or unreadable. */
export interface ReportImage {
  light: Light;
  hash: string;
  dataUrl: string | null;
  width: number;
  height: number;
  /** sha256 of the bytes actually read, when the caller checked it. */
  fileHash?: string;
}

const STROKE: Record<CheckStatus, string> = { fail: '#c0262d', warn: '#c77700', pass: '#1f7a3a', 'not-performed': '#6b7280' };

function overlaySvg(overlays: readonly ReportOverlay[], width: number): string {
  const stroke = Math.max(2, width / 300);
  const font = Math.max(14, width / 32);
  return overlays
    .map((o) => {
      const { x, y, w, h } = o.region;
      const color = STROKE[o.status];
      const tagW = font * (String(o.n).length * 0.62 + 0.6);
      const tagY = y - font * 1.1 < 0 ? y : y - font * 1.1;
      return `<rect x="${svgNumber(x)}" y="${svgNumber(y)}" width="${svgNumber(w)}" height="${svgNumber(h)}" fill="none" stroke="${color}" stroke-width="${svgNumber(stroke)}"/>
        <rect x="${svgNumber(x)}" y="${svgNumber(tagY)}" width="${svgNumber(tagW)}" height="${svgNumber(font * 1.1)}" fill="${color}"/>
        <text x="${svgNumber(x + tagW / 2)}" y="${svgNumber(tagY + font * 0.85)}" font-size="${svgNumber(font)}" text-anchor="middle" fill="#fff" font-family="DejaVu Sans, sans-serif" font-weight="bold">${o.n}</text>`;
    })
    .join('');
}

function figure(image: CaptureImage, read: ReportImage | undefined, overlays: readonly ReportOverlay[], t: ReportT): string {
  const { width, height } = image;
  const picture = read?.dataUrl
    ? `<image href="${escapeHtml(read.dataUrl)}" x="0" y="0" width="${width}" height="${height}" preserveAspectRatio="none"/>`
    : `<rect x="0" y="0" width="${width}" height="${height}" fill="#eef0f3"/>`;
  const missing = read?.dataUrl ? '' : `<div class="missing"><span>${escapeHtml(t('report.imageMissing', { hash: image.hash }))}</span></div>`;
  const mismatch =
    read?.fileHash && read.fileHash !== image.hash ? `<div class="warn-line">${escapeHtml(t('report.imageHashMismatch', { hash: read.fileHash }))}</div>` : '';
  const boxes = overlays.length ? ` · ${overlays.map((o) => o.n).join(', ')}` : '';
  return `<figure class="shot light-${image.light}">
    <div class="frame" style="aspect-ratio:${width} / ${height}">
      <svg viewBox="0 0 ${width} ${height}" xmlns="http://www.w3.org/2000/svg">${picture}${overlaySvg(overlays, width)}</svg>
      ${missing}
    </div>
    <figcaption><b>${escapeHtml(t(`report.light.${image.light}`))}</b> · ${width}×${height}${image.dpi ? ` · ${escapeHtml(image.dpi)} dpi` : ''}${escapeHtml(boxes)}
      <div class="hash">${escapeHtml(image.hash)}</div>${mismatch}</figcaption>
  </figure>`;
}

function legend(overlays: readonly ReportOverlay[], images: readonly CaptureImage[], t: ReportT): string {
  if (overlays.length === 0) return '';
  const captured = new Set(images.map((i) => i.light));
  const items = overlays
    .map((o) => {
      const light = t(`report.light.${o.light}`);
      const notes = [o.lightAssumed ? t('report.regionWithoutLight') : '', captured.has(o.light) ? '' : t('report.lightNotCaptured', { light })]
        .filter(Boolean)
        .map((n) => ` <span class="muted">(${escapeHtml(n)})</span>`)
        .join('');
      return `<li><span class="tag st-${o.status}">${o.n}</span> ${escapeHtml(o.checkTitle)} — ${escapeHtml(t(`report.status.${o.status}`))}, ${escapeHtml(light)}${notes}</li>`;
    })
    .join('');
  return `<p class="small muted">${escapeHtml(t('report.overlayLegend'))}</p><ul class="plain overlay-legend">${items}</ul>`;
}

export function imagesSectionHtml(
  images: readonly CaptureImage[],
  read: readonly ReportImage[],
  overlays: readonly ReportOverlay[],
  t: ReportT,
): string {
  const ordered = [...images].sort((a, b) => LIGHTS.indexOf(a.light) - LIGHTS.indexOf(b.light));
  const figures = ordered
    .map((img) => figure(img, read.find((r) => r.hash === img.hash && r.light === img.light) ?? read.find((r) => r.hash === img.hash), overlays.filter((o) => o.light === img.light), t))
    .join('');
  return `<section class="block images"><h2>${escapeHtml(t('report.images'))}</h2><div class="shots">${figures}</div>${legend(overlays, images, t)}</section>`;
}
