// LoupeApi over the loopback host: POST /api/invoke/<channel> with a JSON body, events from one
// EventSource on /api/events (`event: <name>`, `data: <json>`). The host authenticates with a
// cookie it set when the page was opened with its per-run token, so every request is same-origin
// with credentials and nothing else is needed here.
import { channels, type Channel, type EventName, type EventPayload, type LoupeApi, type Request, type Response } from '../../electron/contract/api.contract';
import { LoupeApiError } from './api-error';

async function invoke<C extends Channel>(channel: C, request: Request<C>): Promise<Response<C>> {
  let response: globalThis.Response;
  try {
    response = await fetch(`/api/invoke/${channel}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(request ?? {}),
    });
  } catch (error) {
    throw new LoupeApiError('Network', error instanceof Error ? error.message : String(error));
  }
  const text = await response.text();
  const body = parseJson(text);
  if (!response.ok) {
    const dto = body as { kind?: unknown; message?: unknown } | undefined;
    // A plain-text 401/403 comes from the host's token check, not from a service.
    const fallback = response.status === 401 || response.status === 403 ? 'Unauthorized' : 'Internal';
    const kind = typeof dto?.kind === 'string' ? dto.kind : fallback;
    const message = typeof dto?.message === 'string' ? dto.message : text.slice(0, 300) || `HTTP ${response.status}`;
    throw new LoupeApiError(kind, message);
  }
  if (body === undefined) throw new LoupeApiError('Internal', `The station answered ${response.status} with a body that is not JSON.`);
  return body as Response<C>;
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return undefined;
  }
}

type AnyListener = (payload: unknown) => void;

class EventHub {
  private source: EventSource | null = null;
  private readonly listeners = new Map<EventName, Set<AnyListener>>();

  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    const source = this.ensureSource();
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
      source.addEventListener(event, (message) => this.dispatch(event, (message as MessageEvent<string>).data));
    }
    const wrapped = listener as AnyListener;
    set.add(wrapped);
    return () => {
      set.delete(wrapped);
    };
  }

  private ensureSource(): EventSource {
    // EventSource reconnects by itself after a dropped connection; listeners stay attached.
    this.source ??= new EventSource('/api/events', { withCredentials: true });
    return this.source;
  }

  private dispatch(event: EventName, data: string): void {
    let payload: unknown;
    try {
      payload = JSON.parse(data);
    } catch {
      return;
    }
    for (const listener of this.listeners.get(event) ?? []) listener(payload);
  }
}

export function createHttpTransport(): LoupeApi {
  const hub = new EventHub();
  const methods = Object.fromEntries(channels.map((channel) => [channel, (request: unknown) => invoke(channel, request as never)]));
  return { ...methods, on: hub.on.bind(hub) } as LoupeApi;
}
