// The imposter check in the report: the portraits side by side (eye-aligned, equal scale), the
// machine's similarity and band per pair, the hints, the officer's feature checklist and conclusion.
// Pure: the caller passes the aligned portraits as data URLs, keyed by image hash.
import { FACE_FEATURES, type FaceSection } from '../contract/face.contract';
import { escapeHtml } from './report-escape';
import type { ReportT } from './report-language';
import { formatTimestamp } from './report-time';

export const faceReportCss = `
.face-portraits { display: flex; gap: 4mm; flex-wrap: wrap; margin: 2mm 0 4mm; }
.face-portraits figure { margin: 0; width: 32mm; font-size: 8pt; }
.face-portraits img, .face-portraits .none { width: 32mm; height: 40mm; border: 0.3mm solid #999; object-fit: cover; display: block; }
.face-portraits .none { display: flex; align-items: center; justify-content: center; color: #666; }
`;

export function faceSectionHtml(face: FaceSection | undefined, portraits: Readonly<Record<string, string>>, t: ReportT): string {
  if (!face) return '';
  const kindOf = (id: string) => t(`report.face.kind.${face.portraits.find((p) => p.id === id)?.kind ?? 'live'}`);
  const figures = face.portraits
    .map((p) => {
      const url = p.alignedHash ? portraits[p.alignedHash] : undefined;
      const kind = t(`report.face.kind.${p.kind}`);
      const img = url ? `<img src="${escapeHtml(url)}" alt="${escapeHtml(kind)}">` : `<div class="none">${escapeHtml(t('report.face.noFace'))}</div>`;
      const q = p.quality.usable ? t('report.face.usable') : (p.quality.problems[0] ?? t('report.face.notUsable'));
      return `<figure>${img}<figcaption><b>${escapeHtml(kind)}</b><br>${escapeHtml(q)}</figcaption></figure>`;
    })
    .join('');
  const pairs = face.comparisons
    .map(
      (c) =>
        `<tr><td>${escapeHtml(t('report.face.pair', { a: kindOf(c.a), b: kindOf(c.b) }))}</td><td>${c.similarity === null ? '—' : escapeHtml(t('report.face.similarity', { percent: Math.round(c.similarity * 100) }))}</td><td>${c.distance === null ? '—' : c.distance.toFixed(3)}</td><td><b>${escapeHtml(t(`report.face.band.${c.band}`))}</b>${c.reason ? ` — ${escapeHtml(c.reason)}` : ''}</td></tr>`,
    )
    .join('');
  const a = face.assessment;
  const markOf = (feature: string) => a?.checklist.find((c) => c.feature === feature)?.mark;
  const checklist = a
    ? `<table><tr><th>${escapeHtml(t('report.face.featureHeader'))}</th><th>${escapeHtml(t('report.face.markHeader'))}</th></tr>${FACE_FEATURES.map((f) => {
        const mark = markOf(f);
        return `<tr><td>${escapeHtml(t(`report.face.feature.${f}`))}</td><td>${escapeHtml(mark ? t(`report.face.mark.${mark}`) : t('report.face.notMarked'))}</td></tr>`;
      }).join('')}</table>
      <p><b>${escapeHtml(t('report.face.conclusionLabel'))}</b> ${escapeHtml(a.conclusion ? t(`report.face.conclusion.${a.conclusion}`) : t('report.face.noConclusion'))}${a.notes ? ` — ${escapeHtml(a.notes)}` : ''}<br>
      ${escapeHtml(t('report.face.recordedBy', { officer: a.officer.name, badge: a.officer.badge, time: formatTimestamp(a.at) }))}</p>`
    : `<p>${escapeHtml(t('report.face.noAssessment'))}</p>`;
  const threshold = t('report.face.threshold', {
    distance: face.threshold.distance,
    margin: face.threshold.margin,
    matchAt: (face.threshold.distance - face.threshold.margin).toFixed(2),
  });
  return `<section class="block face-section"><h2>${escapeHtml(t('report.face.title'))}</h2>
<div class="face-portraits">${figures}</div>
${pairs ? `<table><tr><th>${escapeHtml(t('report.face.pairHeader'))}</th><th>${escapeHtml(t('report.face.similarityHeader'))}</th><th>${escapeHtml(t('report.face.distanceHeader'))}</th><th>${escapeHtml(t('report.face.bandHeader'))}</th></tr>${pairs}</table>` : ''}
<p>${escapeHtml(threshold)}</p>
${face.hints.length ? `<p><b>${escapeHtml(t('report.face.hints'))}</b> ${face.hints.map(escapeHtml).join('; ')}</p>` : ''}
${checklist}
</section>`;
}
