// The CSCA trust store on a command line (`loupe trust import|list --for csca|health`): files read
// within their bounds, the --signer roots, and one line per certificate, CRL, import and state.
import { LoupeError } from '../common/loupe-error';
import { readInputFile } from '../common/command-line/input-files';
import { printable } from '../common/command-line/terminal-text';
import type { CrlEntry, CscaEntry, CscaSource, TrustHealth } from '../contract/csca-trust.contract';
import type { Certificate } from '../chip/pki/x509-certificate';
import type { TrustFileInput } from './csca-import-plan';
import type { FileImportResult } from './csca-trust-store';
import { MAX_TRUST_FILE_BYTES, readTrustFile } from './csca-trust-file';

/** A root certificate file holds one certificate or a few; anything far larger is not one. */
const ROOT_FILE_MAX_BYTES = 1024 * 1024;

/** The files to import, each checked (exists, regular, not empty, within the bound) before any is read. */
export function trustFiles(paths: readonly string[]): TrustFileInput[] {
  if (paths.length === 0) throw new LoupeError('common', 'InvalidInput', 'usage: loupe trust import FILE... [--signer ROOT]');
  return paths.map((name) => ({ name, bytes: new Uint8Array(readInputFile(name, 'trust file', MAX_TRUST_FILE_BYTES)) }));
}

/** The --signer roots: CSCA certificates (DER or PEM) a master list's signer must be certified by. */
export function signerRoots(paths: readonly string[]): Certificate[] {
  return paths.flatMap((name) => {
    const content = readTrustFile(name, new Uint8Array(readInputFile(name, 'signer certificate (--signer)', ROOT_FILE_MAX_BYTES)));
    if (content.kind !== 'certificate') throw new LoupeError('trust', 'TrustFileRefused', `--signer '${name}' is a ${content.kind === 'crl' ? 'CRL' : 'master list'}, not the CSCA certificate that certified the master list's signer`);
    return [...content.certificates];
  });
}

const day = (iso: string | null) => (iso === null ? '—' : iso.slice(0, 10));

function sourceText(s: CscaSource): string {
  const what = s.kind === 'master-list' ? `master list ${s.file}${s.signer ? ` (signed by ${s.signer})` : ''}` : `${s.kind === 'crl' ? 'CRL file' : 'file'} ${s.file}`;
  return `${what}, ${s.importedAt} by ${s.importedBy}`;
}

export function cscaLine(c: CscaEntry): string {
  const first = c.sources[0];
  const more = c.sources.length > 1 ? ` (+${c.sources.length - 1} more)` : '';
  return printable(`${(c.state ?? '?').padEnd(4)} ${c.subject}  serial ${c.serial}  ${day(c.notBefore)} → ${day(c.notAfter)}${c.link ? '  link' : ''}  from ${first ? sourceText(first) : '—'}${more}`);
}

export function crlLine(crl: CrlEntry): string {
  return printable(`${(crl.state ?? '?').padEnd(4)} CRL of ${crl.issuer}  issued ${day(crl.thisUpdate)}, next update ${day(crl.nextUpdate)}, ${crl.revoked} revoked  from ${sourceText(crl.source)}`);
}

export function cscaListText(certificates: readonly CscaEntry[], crls: readonly CrlEntry[]): string {
  if (certificates.length === 0 && crls.length === 0) return 'no CSCA certificates: every chip ends "issuer unknown" (loupe trust import FILE... adds them)';
  return [...certificates.map(cscaLine), ...(crls.length ? ['', ...crls.map(crlLine)] : [])].join('\n');
}

/** One line summing the store up, for `loupe trust list` without --for. */
export function cscaSummary(certificates: number, crls: number): string {
  return `CSCA trust store: ${certificates} certificate${certificates === 1 ? '' : 's'}, ${crls} CRL${crls === 1 ? '' : 's'} (loupe trust list --for csca)`;
}

const FATE: Record<FileImportResult['crls'][number]['fate'], string> = {
  new: 'stored',
  replaced: 'stored, replacing an older one',
  'older-than-held': 'not stored: a newer one is held',
  'already-held': 'already held',
};

export function importLines(results: readonly FileImportResult[]): string {
  return results
    .flatMap((r) => {
      const head =
        r.kind === 'crl'
          ? `imported ${r.file} (CRL file)`
          : `imported ${r.file} (${r.kind === 'master-list' ? `master list signed by ${r.signer ?? '?'}` : 'certificate file'}): ${r.certificates} certificate${r.certificates === 1 ? '' : 's'}, ${r.added} new, ${r.alreadyHeld} already held`;
      return [
        head,
        ...r.leftOut.map((why) => `  left out: ${why}`),
        ...r.crls.map((c) => `  CRL of ${c.issuer}: issued ${day(c.thisUpdate)}, next update ${day(c.nextUpdate)}, ${c.revoked} revoked — ${FATE[c.fate]}`),
      ];
    })
    .map(printable)
    .join('\n');
}

export function healthText(h: TrustHealth): string {
  const n = (count: number, one: string) => `${count} ${one}${count === 1 ? '' : 's'}`;
  const lines = [`CSCA trust store: ${n(h.totals.certificates, 'certificate')} of ${n(h.totals.states, 'state')}, ${n(h.totals.crls, 'CRL')} (checked ${h.checkedAt})`];
  if (h.totals.unknownCountry > 0) lines.push(`${h.totals.unknownCountry} certificates name no country this station knows`);
  if (h.lastImport) lines.push(`last import: ${h.lastImport.file} (${h.lastImport.kind}) ${h.lastImport.at} by ${h.lastImport.by}`);
  if (h.states.length > 0) {
    lines.push('', 'states:');
    for (const s of h.states) {
      lines.push(`  ${s.state.padEnd(4)} ${(s.name ?? '').slice(0, 28).padEnd(28)} ${s.coverage.padEnd(10)} ${s.certificates} CSCA: ${s.valid} valid, ${s.expiring} expiring, ${s.expired} expired; latest expiry ${day(s.latestExpiry)}; CRL ${s.crl}`);
    }
  }
  if (h.expiring.length > 0) lines.push('', `expiring within ${h.expiryWarningDays} days:`, ...h.expiring.map((c) => `  ${(c.state ?? '?').padEnd(4)} ${day(c.notAfter)}  ${c.subject}  serial ${c.serial}`));
  if (h.expired.length > 0) lines.push('', 'expired:', ...h.expired.map((c) => `  ${(c.state ?? '?').padEnd(4)} ${day(c.notAfter)}  ${c.subject}  serial ${c.serial}`));
  if (h.crls.length > 0) {
    lines.push('', 'CRLs:', ...h.crls.map((c) => `  ${(c.state ?? '?').padEnd(4)} ${c.issuer}  issued ${day(c.thisUpdate)} (${c.ageDays} days ago), next update ${day(c.nextUpdate)}${c.overdue ? '  OVERDUE' : ''}`));
  }
  if (h.missingStates.length > 0) lines.push('', `no CSCA for ${h.missingStates.length} states of the station's table: ${h.missingStates.map((s) => s.code).join(' ')}`);
  return lines.map(printable).join('\n');
}
