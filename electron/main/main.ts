// Electron main process: one hardened window, the application menu, IPC generated from the contract,
// images and reports over a custom protocol. The only place (with preload/) that imports 'electron'.
import { app, BrowserWindow, ipcMain, Menu, net, protocol, session, shell, utilityProcess } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { channels, eventNames } from '../contract/api.contract';
import { defaultDataDir } from '../common/data-dir';
import { createServices, type Services } from '../services/create-services';
import { toErrorDto } from '../services/dispatch';
import { buildMenu } from './app-menu';
import { electronPdfRenderer } from './electron-pdf';

const here = import.meta.dirname;
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' loupe-image: blob: data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

// Privileged before ready: images and reports are served by hash/name, never as base64 over IPC.
protocol.registerSchemesAsPrivileged([{ scheme: 'loupe-image', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

let services: Services | null = null;
let win: BrowserWindow | null = null;

function createWindow(): BrowserWindow {
  const w = new BrowserWindow({
    width: 1500,
    height: 950,
    backgroundColor: '#0f1216',
    title: 'Loupe',
    webPreferences: {
      preload: join(here, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  w.webContents.setWindowOpenHandler(({ url }) => {
    // Reports open in the system PDF viewer; nothing else opens.
    if (url.startsWith('loupe-image://report/')) void shell.openPath(services?.reportPath(url.slice('loupe-image://report/'.length)) ?? '');
    return { action: 'deny' };
  });
  w.webContents.on('will-navigate', (e) => e.preventDefault());
  w.webContents.on('will-attach-webview', (e) => e.preventDefault());
  void w.loadFile(join(here, '..', 'renderer', 'index.html'));
  return w;
}

async function start(): Promise<void> {
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } });
  });
  // Only the camera (live capture of the holder) may be granted; everything else is denied.
  session.defaultSession.setPermissionRequestHandler((_wc, permission, callback, details) =>
    callback(permission === 'media' && (details as { mediaTypes?: string[] }).mediaTypes?.every((t) => t === 'video') === true),
  );
  session.defaultSession.setPermissionCheckHandler((_wc, permission) => permission === 'media');
  // No remote content, ever.
  session.defaultSession.webRequest.onBeforeRequest({ urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'] }, (_d, cb) => cb({ cancel: true }));

  services = await createServices({
    dataDir: defaultDataDir(),
    transport: 'electron',
    imageBase: 'loupe-image://image/',
    reportBase: 'loupe-image://report/',
    referenceBase: 'loupe-image://reference/',
    spawner: () => utilityProcess.fork(join(here, 'bridge.mjs'), [], { serviceName: 'Loupe device bridge' }),
    pdfRenderer: electronPdfRenderer(),
  });
  const s = services;
  protocol.handle('loupe-image', (request) => {
    const url = new URL(request.url);
    const name = url.pathname.replace(/^\//, '');
    const [classId = '', light = ''] = name.split('/');
    const path =
      url.host === 'image' ? s.imagePath(name) : url.host === 'report' ? s.reportPath(name) : url.host === 'reference' ? s.referenceImagePath(classId, light) : null;
    if (!path) return new Response('not found', { status: 404 });
    return net.fetch(pathToFileURL(path).toString());
  });
  for (const channel of channels) {
    ipcMain.handle(channel, async (event, request: unknown) => {
      // Only our own window may call; the request is validated with zod inside dispatch().
      if (event.senderFrame?.url && !event.senderFrame.url.startsWith('file://')) return { error: { kind: 'InvalidInput', message: 'untrusted sender' } };
      try {
        return { result: await s.invoke(channel, request) };
      } catch (err) {
        return { error: toErrorDto(err) };
      }
    });
  }
  s.events.onAny((name, payload) => win?.webContents.send(name, payload), eventNames);
  Menu.setApplicationMenu(buildMenu(() => win));
  win = createWindow();
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  app.on('web-contents-created', (_e, contents) => contents.on('will-navigate', (ev) => ev.preventDefault()));
  void app.whenReady().then(start);
  app.on('window-all-closed', () => {
    void services?.close().finally(() => app.quit());
  });
}
