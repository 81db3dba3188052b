// How a channel of the contract is declared (docs/ARCHITECTURE.md, "The contract"): its request and
// response schemas and who may call it. Each domain declares its channels in its own
// `<domain>.channels.ts`; api.contract.ts assembles them, and both transports are generated from that.
import type { z } from 'zod';

/**
 * Who may call a channel, checked on the Node side before the request is validated:
 * - `anyone`: no officer needed (reading, signing in, device status);
 * - `officer`: a signed-in officer (the call is recorded under their name);
 * - `{ officerWhen }`: a signed-in officer when the request carries this field (reading a setting is
 *   open, changing it is recorded under the officer's name).
 */
export type Access = 'anyone' | 'officer' | { officerWhen: string };

export interface ChannelSpec {
  request: z.ZodType;
  response: z.ZodType;
  access: Access;
}

/** A domain's channels, named `domain:verb`. Identity function: keeps the literal types. */
export function channelTable<T extends Record<string, ChannelSpec>>(table: T): T {
  return table;
}

/** A domain's events (`domain:onSomething`), payload schemas. */
export function eventTable<T extends Record<string, z.ZodType>>(table: T): T {
  return table;
}

/** Whether a call, as it arrived (before validation), needs a signed-in officer. */
export function needsOfficer(access: Access, raw: unknown): boolean {
  if (access === 'anyone') return false;
  if (access === 'officer') return true;
  // A field that is absent or null changes nothing; anything else (even malformed) is an attempt to change.
  const value = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>)[access.officerWhen] : undefined;
  return value !== undefined && value !== null;
}
