// Escaping for the report HTML. Every value in a report comes from a capture or an officer's typing
// (holder names, notes, file names can contain anything), so nothing is ever interpolated raw.

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text content and attribute values (attributes are always double-quoted). */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/**
 * A CSS string literal for `content:` in @page margin boxes. Everything outside a small safe set is
 * written as a CSS hex escape, so neither a quote nor `</style>` can end the string or the element.
 */
export function cssString(value: string): string {
  const body = Array.from(value)
    .map((c) => (/^[A-Za-z0-9 ._:,·-]$/.test(c) ? c : `\\${c.codePointAt(0)?.toString(16) ?? '20'} `))
    .join('');
  return `"${body}"`;
}

/** A number formatted for an SVG attribute: finite, at most two decimals. */
export function svgNumber(value: number): string {
  return Number.isFinite(value) ? String(Math.round(value * 100) / 100) : '0';
}
