// PDF rendering inside the desktop app: an offscreen, sandboxed window and printToPDF.
import { BrowserWindow } from 'electron';
import type { PdfRenderer } from '../report/pdf-renderer';

export function electronPdfRenderer(): PdfRenderer {
  const render = async (html: string): Promise<Buffer> => {
    const w = new BrowserWindow({ show: false, webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false } });
    try {
      w.webContents.session.webRequest.onBeforeRequest({ urls: ['http://*/*', 'https://*/*'] }, (_d, cb) => cb({ cancel: true }));
      await w.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
      return await w.webContents.printToPDF({ pageSize: 'A4', printBackground: true, displayHeaderFooter: false });
    } finally {
      w.destroy();
    }
  };
  return Object.assign(render, { close: async () => {} });
}
