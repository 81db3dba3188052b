// Preload: exposes one typed object, window.loupe, built from the contract table.
import { contextBridge, ipcRenderer } from 'electron';
import { api, type Channel, type Request, type Response } from '../contract/api.contract';

type LoupeApi = { [C in Channel]: (request: Request<C>) => Promise<Response<C>> };

const loupe = Object.fromEntries(
  (Object.keys(api) as Channel[]).map((channel) => [channel, (request: unknown) => ipcRenderer.invoke(channel, request)]),
) as LoupeApi;

contextBridge.exposeInMainWorld('loupe', loupe);
