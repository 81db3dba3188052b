// PDF rendering inside the desktop app: an offscreen, sandboxed window and printToPDF. The window
// has a session of its own (in memory): Electron keeps one onBeforeRequest listener per session, so
// setting the PDF window's "no remote content" filter on the default session would replace the
// app's own filter (which also covers ws:// and wss://).
import { BrowserWindow, session, type Session } from 'electron';
import type { PdfRenderer } from '../report/pdf-renderer';

const PDF_PARTITION = 'loupe-report-pdf';
let pdfSession: Session | null = null;

function reportSession(): Session {
  if (!pdfSession) {
    pdfSession = session.fromPartition(PDF_PARTITION, { cache: false });
    // The report is self-contained HTML: it loads nothing, from anywhere.
    pdfSession.webRequest.onBeforeRequest({ urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*', 'file://*/*'] }, (_d, cb) => cb({ cancel: true }));
    pdfSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
    pdfSession.setPermissionCheckHandler(() => false);
  }
  return pdfSession;
}

export function electronPdfRenderer(): PdfRenderer {
  const render = async (html: string): Promise<Buffer> => {
    const w = new BrowserWindow({ show: false, webPreferences: { session: reportSession(), sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false } });
    try {
      await w.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
      return await w.webContents.printToPDF({ pageSize: 'A4', printBackground: true, displayHeaderFooter: false });
    } finally {
      w.destroy();
    }
  };
  return Object.assign(render, { close: async () => {} });
}
