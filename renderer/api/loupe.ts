// The one LoupeApi the screen uses: window.loupe from the Electron preload when present, else the
// loopback host over HTTP. Both implement the same contract.
import type { LoupeApi } from '../../electron/contract/api.contract';
import { createHttpTransport } from './http-transport';

declare global {
  interface Window {
    loupe?: LoupeApi;
  }
}

function pickTransport(): LoupeApi {
  if (window.loupe) return window.loupe;
  // The per-run token has become a cookie; keep it out of the address bar, history and screenshots.
  const url = new URL(window.location.href);
  if (url.searchParams.has('token')) {
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.pathname + url.search + url.hash);
  }
  return createHttpTransport();
}

export const loupe: LoupeApi = pickTransport();
