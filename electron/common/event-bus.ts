// Typed events from the Node side to every connected renderer (IPC or server-sent events).
import { EventEmitter } from 'node:events';
import type { EventName, EventPayload } from '../contract/api.contract';

type AnyListener = (event: EventName, payload: unknown) => void;

export class EventBus {
  private readonly emitter = new EventEmitter().setMaxListeners(100);
  /**
   * Transports that forward every event (one per window or event stream) are kept apart from the
   * emitter: their number grows with open windows, and registering each on every event name would
   * trip Node's listener-leak warning long before anything leaks.
   */
  private readonly anyListeners = new Set<{ listener: AnyListener; names: ReadonlySet<EventName> }>();

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    this.emitter.emit(event, payload);
    for (const entry of [...this.anyListeners]) if (entry.names.has(event)) entry.listener(event, payload);
  }

  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    this.emitter.on(event, listener);
    return () => this.emitter.off(event, listener);
  }

  /** Every event of `names`, for transports that forward them all. */
  onAny(listener: AnyListener, names: readonly EventName[]): () => void {
    const entry = { listener, names: new Set(names) };
    this.anyListeners.add(entry);
    return () => this.anyListeners.delete(entry);
  }

  /** Forwarders currently attached (open windows or event streams). */
  get forwarders(): number {
    return this.anyListeners.size;
  }
}
