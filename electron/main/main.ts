// Electron main process: one hardened window, the application menu, IPC generated from the contract,
// the renderer, images and reports over the app:// scheme. The only place (with preload/) that
// imports 'electron'; every decision it applies lives in electron/desktop/ (pure, tested without Electron).
import { app, BrowserWindow, ipcMain, Menu, protocol, session, shell, utilityProcess } from 'electron';
import { join, resolve } from 'node:path';
import { channels, eventNames } from '../contract/api.contract';
import { defaultDataDir } from '../common/data-dir';
import { APP_BASES, APP_ENTRY_URL, APP_SCHEME } from '../desktop/app-origin';
import { APP_CSP, appProtocolResponse } from '../desktop/app-protocol';
import { isTrustedSender, UNTRUSTED_SENDER_MESSAGE } from '../desktop/ipc-sender-policy';
import { allowPermissionCheck, allowPermissionRequest } from '../desktop/permission-policy';
import { reportFileToOpen } from '../desktop/report-open-guard';
import { createServices, type Services } from '../services/create-services';
import { toErrorDto } from '../services/dispatch';
import { buildMenu } from './app-menu';
import { electronPdfRenderer } from './electron-pdf';

const here = import.meta.dirname;
const rendererDir = resolve(here, '..', 'renderer');

// Privileged before ready: a standard, secure scheme gives the app an origin of its own (not file://).
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }]);

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
    openReport(url);
    return { action: 'deny' };
  });
  w.webContents.on('will-navigate', (e) => e.preventDefault());
  w.webContents.on('will-attach-webview', (e) => e.preventDefault());
  void w.loadURL(APP_ENTRY_URL);
  return w;
}

/** Opens a report named by an app:// URL in the system viewer; any other URL opens nothing. */
function openReport(url: string): boolean {
  const path = services ? reportFileToOpen(url, (name) => services?.reportPath(name) ?? null) : null;
  if (path) void shell.openPath(path).then((error) => error && console.error(`Loupe: the report viewer did not open: ${error}`));
  return path !== null;
}

async function start(): Promise<void> {
  const ses = session.defaultSession;
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [APP_CSP] } });
  });
  // Only the camera (live capture of the holder), only for the app's origin; everything else is denied.
  ses.setPermissionRequestHandler((_wc, permission, callback, details) =>
    callback(allowPermissionRequest(permission, details.requestingUrl, (details as { mediaTypes?: string[] }).mediaTypes)),
  );
  ses.setPermissionCheckHandler((_wc, permission, requestingOrigin, details) => allowPermissionCheck(permission, requestingOrigin, details.mediaType));
  // The report link carries a download attribute (the loopback host saves the file): here a report opens in the viewer instead.
  ses.on('will-download', (event, item) => {
    if (openReport(item.getURL())) event.preventDefault();
  });
  // No remote content, ever.
  ses.webRequest.onBeforeRequest({ urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'] }, (_d, cb) => cb({ cancel: true }));

  services = await createServices({
    dataDir: defaultDataDir(),
    transport: 'electron',
    ...APP_BASES,
    spawner: () => utilityProcess.fork(join(here, 'bridge.mjs'), [], { serviceName: 'Loupe device bridge' }),
    pdfRenderer: electronPdfRenderer(),
  });
  const s = services;
  protocol.handle(APP_SCHEME, (request) =>
    appProtocolResponse(request, { rendererDir, imagePath: (h) => s.imagePath(h), reportPath: (f) => s.reportPath(f), referenceImagePath: (c, l) => s.referenceImagePath(c, l) }),
  );
  for (const channel of channels) {
    ipcMain.handle(channel, async (event, request: unknown) => {
      // Only the main frame of our own window, at our own origin, may call; the request is validated with zod inside dispatch().
      const frame = event.senderFrame;
      const trusted = isTrustedSender({ frameUrl: frame?.url ?? null, isMainFrame: frame !== null && frame.parent === null, fromAppWindow: win !== null && event.sender === win.webContents });
      if (!trusted) return { error: { kind: 'InvalidInput', message: UNTRUSTED_SENDER_MESSAGE } };
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
