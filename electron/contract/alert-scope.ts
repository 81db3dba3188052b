// Which documents an expert alert is shown on — one rule for the station's inspection banner, the
// Trends screen, the publish form and the regional hub. Pure: no Node, no DOM.
import type { AlertScope, ExpertAlertContent } from './trends.contract';

/** What the scope is matched against: the examined document's issuer, document type and series. */
export interface DocumentFacts {
  issuer: string | null;
  documentType: string | null;
  series: string | null;
}

export type DocumentsScope = Extract<AlertScope, { kind: 'documents' }>;

/**
 * The scope an alert is shown under. An alert published before scopes existed has none: it stands
 * for its own class's issuer, document type and series (a shared design without an issuer leaves the
 * issuer open) — never for every document.
 */
export function effectiveScope(alert: Pick<ExpertAlertContent, 'scope' | 'issuer' | 'documentType' | 'series'>): AlertScope {
  if (alert.scope) return alert.scope;
  return { kind: 'documents', issuers: alert.issuer ? [alert.issuer] : [], documentTypes: [alert.documentType], series: alert.series ? [alert.series] : [] };
}

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** One dimension: open when the scope names nothing, else the document's value must be among those named. */
function fits(named: readonly string[], value: string | null): boolean {
  return named.length === 0 || (value !== null && named.some((n) => same(n, value)));
}

/** Whether an alert is shown on a document with these facts. */
export function alertApplies(alert: Pick<ExpertAlertContent, 'scope' | 'issuer' | 'documentType' | 'series'>, doc: DocumentFacts): boolean {
  const scope = effectiveScope(alert);
  switch (scope.kind) {
    case 'regional':
      return true;
    case 'documents':
      return fits(scope.issuers, doc.issuer) && fits(scope.documentTypes, doc.documentType) && fits(scope.series, doc.series);
    default: {
      const never: never = scope;
      return never;
    }
  }
}

/** Splits typed lists ("SWE, NOR" or one per line) into their distinct, trimmed values. */
export function scopeList(text: string, upper = false): string[] {
  const values = text.split(/[,;\n]/).map((v) => (upper ? v.trim().toUpperCase() : v.trim())).filter(Boolean);
  return [...new Set(values)];
}
