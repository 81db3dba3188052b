// The one wrapper every domain's handlers go through (docs/ARCHITECTURE.md, "Handlers"). A domain
// writes, per channel of its contract table, what the call does and — when it changes something —
// what the audit log records; the dispatcher checks who may call (the channel's `access`, before
// the request is validated), validates the request, runs the handler and writes the audit entry.
// No handler checks the officer or writes the audit log by itself.
import type { z } from 'zod';
import type { ChannelSpec } from '../contract/channel';
import type { Officer } from '../contract/examination.contract';

/** What a handler knows about its caller. */
export interface CallContext {
  /** The officer signed in, or null. */
  readonly officer: Officer | null;
  /** The officer signed in; for channels whose access is `officer` the dispatcher has checked one is. */
  signedIn(): Officer;
}

/** One audit log entry; `officer` defaults to the caller (sign-in names the officer who just signed in). */
export interface AuditEntry {
  action: string;
  subject?: string | null;
  details?: Record<string, unknown> | null;
  officer?: Officer | null;
}

export interface Handler<S extends ChannelSpec> {
  run(request: z.output<S['request']>, ctx: CallContext): Promise<z.infer<S['response']>>;
  /** The audit entry of a successful call (null: nothing to record for this one). */
  audit?(request: z.output<S['request']>, response: z.infer<S['response']>, ctx: CallContext): AuditEntry | null;
}

/** A domain's handlers: one per channel of its table, each typed by its channel's schemas. */
export type HandlersOf<T extends Record<string, ChannelSpec>> = { [C in keyof T]: Handler<T[C]> };

/** Declares a domain's handlers against its channel table (the table only gives the types). */
export function defineHandlers<T extends Record<string, ChannelSpec>>(_channels: T, handlers: HandlersOf<T>): HandlersOf<T> {
  return handlers;
}
