// The guard before shell.openPath (electron/desktop/report-open-guard.ts): only an existing report of
// the station, named by an app:// URL, is ever opened; never an empty or unchecked path.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportFileToOpen } from '../../../electron/desktop/report-open-guard';
import { useTempDir } from '../../helpers/temp-dir';

const dir = useTempDir('loupe-report-guard-');
const reports = join(dir, 'reports');
mkdirSync(reports, { recursive: true });
const name = 'loupe-report-0b7d1b8e-6f1c-4b55-9a3c-3f1f0f6d9a10.pdf';
writeFileSync(join(reports, name), '%PDF-1.7\n');
// The services' own check (create-services.ts): report file names only.
const reportPath = (fileName: string) => (/^loupe-report-[0-9a-f-]{36}\.pdf$/.test(fileName) ? join(reports, fileName) : null);

describe('report openPath guard', () => {
  it('opens an existing report named by an app:// URL', () => {
    expect(reportFileToOpen(`app://loupe/reports/${name}`, reportPath)).toBe(join(reports, name));
  });

  it('opens nothing for a report that does not exist', () => {
    expect(reportFileToOpen('app://loupe/reports/loupe-report-00000000-0000-0000-0000-000000000000.pdf', reportPath)).toBeNull();
  });

  it('opens nothing for names the services refuse, traversal included', () => {
    for (const url of ['app://loupe/reports/', 'app://loupe/reports/station.sqlite', 'app://loupe/reports/..%2Fstation.sqlite', 'app://loupe/reports/../station.sqlite', `app://loupe/reports/${name}/x`]) {
      expect(reportFileToOpen(url, reportPath), url).toBeNull();
    }
  });

  it('opens nothing for other URLs', () => {
    for (const url of ['', 'not a url', `file://${join(reports, name)}`, `loupe-image://report/${name}`, `https://example.com/reports/${name}`, `app://evil/reports/${name}`, `app://loupe/images/${name}`, `app://loupe/reports/${name}?x=1`, `app://loupe/reports/${name}#p`]) {
      expect(reportFileToOpen(url, reportPath), url).toBeNull();
    }
  });

  it('opens nothing when the services give no path, an empty one or a relative one', () => {
    expect(reportFileToOpen(`app://loupe/reports/${name}`, () => null)).toBeNull();
    expect(reportFileToOpen(`app://loupe/reports/${name}`, () => '', () => true)).toBeNull();
    expect(reportFileToOpen(`app://loupe/reports/${name}`, () => 'reports/x.pdf', () => true)).toBeNull();
  });

  it('opens nothing when the path is a folder', () => {
    expect(reportFileToOpen(`app://loupe/reports/${name}`, () => reports)).toBeNull();
  });
});
