// Typed events from the Node side to every connected renderer (IPC or server-sent events).
import { EventEmitter } from 'node:events';
import type { EventName, EventPayload } from '../contract/api.contract';

export class EventBus {
  private readonly emitter = new EventEmitter().setMaxListeners(100);

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    this.emitter.emit(event, payload);
  }

  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    this.emitter.on(event, listener);
    return () => this.emitter.off(event, listener);
  }

  /** Every event, for transports that forward them all. */
  onAny(listener: (event: EventName, payload: unknown) => void, names: readonly EventName[]): () => void {
    const offs = names.map((name) => this.on(name, (payload) => listener(name, payload)));
    return () => offs.forEach((off) => off());
  }
}
