// The chip in the report: how the chip was opened (protocol and why, which access data), each
// file's fate, passive authentication's named outcome with the certificate chain and every data
// group's hash as signed and as read, the clone checks with whether each counts, the chip portrait
// and the evidence package to verify it with. Pure: the caller passes the portrait as a data URL.
import type { ChipSection } from '../contract/chip-examination.contract';
import type { CertificateSummary } from '../contract/chip.contract';
import { escapeHtml } from './report-escape';
import type { ReportT } from './report-language';
import { formatTimestamp } from './report-time';

export const chipReportCss = `
.chip-section .hash { font-family: monospace; font-size: 7pt; word-break: break-all; }
.chip-section .bad { color: #a00; font-weight: bold; }
.chip-section figure { margin: 2mm 0; width: 32mm; font-size: 8pt; }
.chip-section figure img { width: 32mm; border: 0.3mm solid #999; display: block; }
`;

function row(label: string, value: string): string {
  return `<tr><th>${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`;
}

function certificate(c: CertificateSummary | null, t: ReportT): string {
  return c ? t('report.chip.certificate', { subject: c.subject, serial: c.serial, from: c.notBefore.slice(0, 10), to: c.notAfter.slice(0, 10) }) : t('report.chip.notFound');
}

export function chipSectionHtml(chip: ChipSection | undefined, portrait: string | undefined, t: ReportT): string {
  if (!chip) return '';
  const title = `<h2>${escapeHtml(t('report.chip.title'))}</h2>`;
  if (chip.state === 'not-read' || !chip.reading) {
    const reason = chip.reason ?? 'failed';
    const why = reason === 'failed' ? t('report.chip.reason.failed', { error: chip.error?.message ?? '—' }) : t(`report.chip.reason.${reason}`);
    return `<section class="block chip-section">${title}<p>${escapeHtml(t('report.chip.notRead', { reason: why }))}</p></section>`;
  }
  const r = chip.reading;
  const pa = r.passiveAuthentication;
  const sod = chip.sod;
  const facts = [
    row(t('report.chip.protocol'), t('report.chip.protocolValue', { protocol: r.access.protocol, reason: r.access.reason, detail: r.access.detail })),
    ...(chip.keySource ? [row(t('report.chip.key'), t(`report.chip.key.${chip.keySource}`))] : []),
    ...(chip.reader ? [row(t('report.chip.reader'), chip.reader)] : []),
    row(t('report.chip.readAt'), formatTimestamp(chip.startedAt)),
    ...(chip.resumptions ? [row(t('report.chip.resumptions'), String(chip.resumptions))] : []),
    row(t('report.chip.files'), r.files.map((f) => `${f.file} ${f.status}${f.bytes ? ` (${f.bytes} B)` : ''}`).join(', ')),
    `<tr><th>${escapeHtml(t('report.chip.outcome'))}</th><td><b class="${pa.outcome === 'trusted' ? '' : 'bad'}">${escapeHtml(pa.outcome)}</b> — ${escapeHtml(pa.detail)}</td></tr>`,
    row(t('report.chip.signer'), certificate(sod?.documentSigner ?? null, t)),
    row(t('report.chip.csca'), certificate(sod?.csca ?? null, t)),
    ...(sod?.chain ? [row(t('report.chip.chain'), `${sod.chain.status} — ${sod.chain.detail}`)] : []),
    row('', t('report.chip.algorithms', { signature: pa.signatureAlgorithm || '—', hash: pa.hashAlgorithm || '—', signingTime: pa.signingTime ? formatTimestamp(pa.signingTime) : '—' })),
    ...(chip.evidence ? [row(t('report.chip.evidence'), t('report.chip.evidenceValue', { file: chip.evidence.fileName, sha256: chip.evidence.sha256, bytes: chip.evidence.bytes }))] : []),
  ].join('');
  const hashes = (sod?.dataGroups ?? pa.hashes.map((h) => ({ dataGroup: h.dataGroup, signedHash: null, status: h.status })))
    .map(
      (h) =>
        `<tr><td>DG${h.dataGroup}</td><td class="hash">${escapeHtml(h.signedHash ?? '—')}</td><td class="${h.status === 'mismatch' || h.status === 'not-in-sod' ? 'bad' : ''}">${escapeHtml(t(`report.chip.hash.${h.status}`))}</td></tr>`,
    )
    .join('');
  const clones = r.cloneChecks.length
    ? `<table><tr><th>${escapeHtml(t('report.chip.cloneHeader'))}</th><th>${escapeHtml(t('report.chip.cloneStatusHeader'))}</th><th>${escapeHtml(t('report.chip.cloneDetailHeader'))}</th></tr>${r.cloneChecks
        .map(
          (c) =>
            `<tr><td>${escapeHtml(`${c.method} (${c.keySource}${c.algorithm ? `, ${c.algorithm}` : ''})`)}</td><td class="${c.status === 'failed' ? 'bad' : ''}">${escapeHtml(c.status)}${c.status === 'succeeded' ? ` — ${escapeHtml(c.counts ? t('report.chip.counts') : t('report.chip.notCounting'))}` : ''}</td><td>${escapeHtml(c.detail)}</td></tr>`,
        )
        .join('')}</table>`
    : `<p>${escapeHtml(t('report.chip.noCloneChecks'))}</p>`;
  const face = r.faces[0];
  const figure =
    face && portrait
      ? `<figure><img src="${escapeHtml(portrait)}" alt="${escapeHtml(t('report.chip.portrait', { format: face.format, width: face.width, height: face.height }))}"><figcaption>${escapeHtml(t('report.chip.portrait', { format: face.format, width: face.width, height: face.height }))}</figcaption></figure>`
      : '';
  return `<section class="block chip-section">${title}
<table>${facts}</table>
<table><tr><th>${escapeHtml(t('report.chip.hashHeader'))}</th><th>${escapeHtml(t('report.chip.signedHashHeader'))}</th><th>${escapeHtml(t('report.chip.hashStatusHeader'))}</th></tr>${hashes}</table>
${clones}
${figure}
</section>`;
}
