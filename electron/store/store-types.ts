// Shapes the station store returns that are not (yet) part of the renderer contract.
import type { Officer } from '../contract/examination.contract';

export interface AuditInput {
  /** Null for actions no signed-in officer performed (station start-up, device events). */
  officer: Officer | null;
  /** A short verb phrase, e.g. 'examination.decide', 'session.signIn'. */
  action: string;
  /** What the action was about, e.g. an examination id. */
  subject?: string;
  details?: Record<string, unknown>;
}

export interface AuditEntry {
  id: number;
  at: string;
  officer: Officer | null;
  action: string;
  subject: string | null;
  details: Record<string, unknown> | null;
}
