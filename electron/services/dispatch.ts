// One dispatcher for both transports: unknown channels refused, a caller who must be signed in and is
// not told so (before the request is validated: "sign in first" is the answer that helps), every
// request validated with zod before it reaches a service, errors turned into { kind, message }.
import type { z } from 'zod';
import { LoupeError } from '../common/loupe-error';
import { api, type Api, type Channel, type Response } from '../contract/api.contract';
import type { ErrorDto } from '../contract/errors';
import { needsOfficer, NOT_SIGNED_IN_MESSAGE } from './channel-access';
import { DeviceError } from '../../native/protocol';

export type Handlers = { [C in Channel]: (request: z.output<Api[C]['request']>) => Promise<Response<C>> };

export function isChannel(name: string): name is Channel {
  return Object.prototype.hasOwnProperty.call(api, name);
}

export async function dispatch(handlers: Handlers, channel: string, raw: unknown, signedIn: () => boolean): Promise<unknown> {
  if (!isChannel(channel)) throw new LoupeError('InvalidInput', `unknown channel '${channel.slice(0, 60)}'`);
  if (needsOfficer(channel, raw) && !signedIn()) throw new LoupeError('NotSignedIn', NOT_SIGNED_IN_MESSAGE);
  const parsed = api[channel].request.safeParse(raw ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new LoupeError('InvalidInput', `invalid request for ${channel}: ${issue ? `${issue.path.join('.') || '(request)'}: ${issue.message}` : 'malformed'}`);
  }
  const handler = handlers[channel] as (request: unknown) => Promise<unknown>;
  return handler(parsed.data);
}

/** Device bridge error kinds (native/protocol.ts) as the contract's error kinds. */
const DEVICE_KINDS: Record<string, ErrorDto['kind']> = { InvalidInput: 'InvalidInput', NotFound: 'NotFound', DeviceBusy: 'Busy' };

export function toErrorDto(err: unknown): ErrorDto {
  if (err instanceof LoupeError) return err.toDto();
  if (err instanceof DeviceError) return { kind: DEVICE_KINDS[err.kind] ?? 'DeviceError', message: err.message };
  return { kind: 'Internal', message: err instanceof Error ? err.message.split('\n')[0]! : String(err) };
}
