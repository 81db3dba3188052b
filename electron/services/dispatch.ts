// One dispatcher for both transports: unknown channels refused; a caller who must be signed in and
// is not told so (before the request is validated: "sign in first" is the answer that helps);
// every request validated with zod before it reaches a domain; the domain's handler run; its audit
// entry written; errors turned into { kind, message }.
import { LoupeError } from '../common/loupe-error';
import { withoutPaths } from '../common/without-paths';
import type { AuditEntry, CallContext, HandlersOf } from '../common/handler-kit';
import { api, type Api, type Channel } from '../contract/api.contract';
import { needsOfficer } from '../contract/channel';
import type { ErrorDto } from '../contract/errors';
import type { Officer } from '../contract/examination.contract';

/** Every channel of the contract with its handler: a channel without one does not type-check. */
export type Handlers = HandlersOf<Api>;

/** Who is calling, and where audit entries go. */
export interface DispatchContext {
  officer(): Officer | null;
  requireOfficer(): Officer;
  audit(entry: { officer: Officer | null; action: string; subject?: string; details?: Record<string, unknown> }): void;
}

export function isChannel(name: string): name is Channel {
  return Object.prototype.hasOwnProperty.call(api, name);
}

export async function dispatch(handlers: Handlers, channel: string, raw: unknown, context: DispatchContext): Promise<unknown> {
  if (!isChannel(channel)) throw new LoupeError('common', 'InvalidInput', `unknown channel '${channel.slice(0, 60)}'`);
  const spec = api[channel];
  if (needsOfficer(spec.access, raw)) context.requireOfficer();
  const parsed = spec.request.safeParse(raw ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new LoupeError('common', 'InvalidInput', `invalid request for ${channel}: ${issue ? `${issue.path.join('.') || '(request)'}: ${issue.message}` : 'malformed'}`);
  }
  // The caller as the call began (sign-out is recorded under the officer who signed out).
  const officer = context.officer();
  const ctx: CallContext = { officer, signedIn: () => officer ?? context.requireOfficer() };
  const handler = handlers[channel] as unknown as {
    run(request: unknown, ctx: CallContext): Promise<unknown>;
    audit?(request: unknown, response: unknown, ctx: CallContext): AuditEntry | null;
  };
  const response = await handler.run(parsed.data, ctx);
  const entry = handler.audit?.(parsed.data, response, ctx);
  if (entry) {
    context.audit({
      officer: entry.officer === undefined ? officer : entry.officer,
      action: entry.action,
      ...(entry.subject ? { subject: entry.subject } : {}),
      ...(entry.details ? { details: entry.details } : {}),
    });
  }
  return response;
}

/**
 * Any thrown value as { kind, message } for the screen (both transports): a LoupeError (the device
 * bridge's DeviceError is one) with its kind, anything else as Internal; station paths left out.
 */
export function toErrorDto(err: unknown): ErrorDto {
  if (err instanceof LoupeError) return { kind: err.kind, message: withoutPaths(err.message) };
  return { kind: 'Internal', message: withoutPaths(err instanceof Error ? err.message.split('\n')[0]! : String(err)) };
}
