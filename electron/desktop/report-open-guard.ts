// Reports open in the system PDF viewer (shell.openPath). openPath runs whatever it is given with the
// desktop's default handler, so it is only ever given the path of a report that exists in the
// station's reports folder, named by a URL of the app's own origin; never an empty path (which
// opens the working directory) and never a path derived from an unchecked URL.
import { statSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { APP_BASES, isAppOrigin, parseUrl } from './app-origin';

const REPORT = new RegExp(`^${APP_BASES.reportBase}([A-Za-z0-9._-]+)$`);

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * The report file a URL names (app://loupe/reports/<file>), or null. `reportPath` is the services'
 * own check of the name (it returns null for anything that is not a report file name).
 */
export function reportFileToOpen(url: string, reportPath: (fileName: string) => string | null, exists: (path: string) => boolean = isFile): string | null {
  const parsed = parseUrl(url);
  if (!parsed || !isAppOrigin(url) || parsed.search !== '' || parsed.hash !== '') return null;
  const match = REPORT.exec(parsed.pathname);
  if (!match) return null;
  const path = reportPath(match[1]!);
  if (!path || !isAbsolute(path) || !exists(path)) return null;
  return path;
}
