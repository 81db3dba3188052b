// Preload: exposes one typed object, window.loupe, generated from the contract table, to the app's
// own page only (app://loupe). The main process checks every call's sender as well; this keeps the
// API out of any other page that might end up in a window with this preload.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { channels, eventNames, type EventName, type LoupeApi } from '../contract/api.contract';
import { isAppOrigin } from '../desktop/app-origin';

const api: Record<string, unknown> = {};
for (const channel of channels) {
  api[channel] = async (request: unknown) => {
    const reply = (await ipcRenderer.invoke(channel, request)) as { result?: unknown; error?: { kind: string; message: string } };
    // Only the message of an Error survives contextBridge: the kind travels as a '[Kind] ' prefix.
    if (reply.error) throw new Error(`[${reply.error.kind}] ${reply.error.message}`);
    return reply.result;
  };
}
api.on = (event: EventName, listener: (payload: unknown) => void) => {
  if (!eventNames.includes(event)) throw new Error(`unknown event ${String(event)}`);
  const handler = (_e: IpcRendererEvent, payload: unknown) => listener(payload);
  ipcRenderer.on(event, handler);
  return () => ipcRenderer.off(event, handler);
};

// The preload has no DOM types (Node-side type-check): read the page URL through globalThis.
const pageUrl = (globalThis as { location?: { href?: string } }).location?.href;
if (isAppOrigin(pageUrl)) contextBridge.exposeInMainWorld('loupe', api as LoupeApi);
