// The imposter check in the report: the portraits side by side (eye-aligned, equal scale), the
// machine's similarity and band per pair, the hints, the officer's feature checklist and conclusion.
// Pure: the caller passes the aligned portraits as data URLs, keyed by image hash.
import type { FaceSection, PortraitKind } from '../contract/face.contract';
import { escapeHtml } from './report-escape';
import { formatTimestamp } from './report-time';

const KIND: Record<PortraitKind, string> = { printed: 'Printed portrait', ghost: 'Ghost image', live: 'Live capture', chip: 'Chip portrait' };
const BAND: Record<string, string> = { match: 'Match', 'no-match': 'No match', uncertain: 'Uncertain', 'not-performed': 'Not compared' };
const MARK: Record<string, string> = { same: 'Same', different: 'Different', 'cannot-tell': 'Cannot tell' };
const FEATURE: Record<string, string> = {
  'face-shape': 'Face shape',
  ears: 'Ears',
  eyes: 'Eyes',
  eyebrows: 'Eyebrows',
  nose: 'Nose',
  mouth: 'Mouth',
  chin: 'Chin',
  'scars-marks': 'Scars and marks',
};
const CONCLUSION: Record<string, string> = { 'same-person': 'Same person', 'different-person': 'Different person', 'cannot-decide': 'Cannot decide' };

export const faceReportCss = `
.face-portraits { display: flex; gap: 4mm; flex-wrap: wrap; margin: 2mm 0 4mm; }
.face-portraits figure { margin: 0; width: 32mm; font-size: 8pt; }
.face-portraits img, .face-portraits .none { width: 32mm; height: 40mm; border: 0.3mm solid #999; object-fit: cover; display: block; }
.face-portraits .none { display: flex; align-items: center; justify-content: center; color: #666; }
`;

export function faceSectionHtml(face: FaceSection | undefined, portraits: Readonly<Record<string, string>>): string {
  if (!face) return '';
  const kindOf = (id: string) => KIND[face.portraits.find((p) => p.id === id)?.kind ?? 'live'];
  const figures = face.portraits
    .map((p) => {
      const url = p.alignedHash ? portraits[p.alignedHash] : undefined;
      const img = url ? `<img src="${escapeHtml(url)}" alt="${escapeHtml(KIND[p.kind])}">` : '<div class="none">no usable face</div>';
      const q = p.quality.usable ? 'usable' : (p.quality.problems[0] ?? 'not usable');
      return `<figure>${img}<figcaption><b>${escapeHtml(KIND[p.kind])}</b><br>${escapeHtml(q)}</figcaption></figure>`;
    })
    .join('');
  const pairs = face.comparisons
    .map(
      (c) =>
        `<tr><td>${escapeHtml(`${kindOf(c.a)} ↔ ${kindOf(c.b)}`)}</td><td>${c.similarity === null ? '—' : `${Math.round(c.similarity * 100)} %`}</td><td>${c.distance === null ? '—' : c.distance.toFixed(3)}</td><td><b>${escapeHtml(BAND[c.band] ?? c.band)}</b>${c.reason ? ` — ${escapeHtml(c.reason)}` : ''}</td></tr>`,
    )
    .join('');
  const a = face.assessment;
  const checklist = a
    ? `<table><tr><th>Feature</th><th>Officer's comparison</th></tr>${Object.keys(FEATURE)
        .map((f) => `<tr><td>${escapeHtml(FEATURE[f]!)}</td><td>${escapeHtml(MARK[a.checklist.find((c) => c.feature === f)?.mark ?? ''] ?? 'not marked')}</td></tr>`)
        .join('')}</table>
      <p><b>Conclusion:</b> ${escapeHtml(a.conclusion ? CONCLUSION[a.conclusion]! : 'none recorded')}${a.notes ? ` — ${escapeHtml(a.notes)}` : ''}<br>
      Recorded by ${escapeHtml(a.officer.name)} (badge ${escapeHtml(a.officer.badge)}) at ${escapeHtml(formatTimestamp(a.at))}</p>`
    : '<p>The officer has not recorded a feature comparison.</p>';
  return `<section class="block face-section"><h2>Holder and portrait</h2>
<div class="face-portraits">${figures}</div>
${pairs ? `<table><tr><th>Pair</th><th>Similarity</th><th>Distance</th><th>Machine decision</th></tr>${pairs}</table>` : ''}
<p>Threshold: distance ${face.threshold.distance} ± ${face.threshold.margin} (match at or below ${(face.threshold.distance - face.threshold.margin).toFixed(2)}).</p>
${face.hints.length ? `<p><b>Hints:</b> ${face.hints.map(escapeHtml).join('; ')}</p>` : ''}
${checklist}
</section>`;
}
