// The hub dashboard's static files: a small page and its style (electron/hub/dashboard/), its script
// bundled from TypeScript (hub-dashboard-script.ts), and echarts' prebuilt bundle straight from
// node_modules. Only these fixed paths are served; each is read or built once, then held in memory.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { bundleDashboardScript, DASHBOARD_ENTRY } from './hub-dashboard-script';

const dashboardDir = fileURLToPath(new URL('./dashboard/', import.meta.url));
const require = createRequire(import.meta.url);

export interface DashboardAsset {
  type: string;
  /** The file's bytes: read or built on first use, then the same bytes from memory. */
  bytes(): Promise<Buffer>;
}

export type DashboardAssets = (path: string) => DashboardAsset | undefined;

export interface DashboardAssetOptions {
  /** The page script's TypeScript entry (default electron/hub/dashboard/dashboard.ts). */
  scriptEntry?: string;
}

/** A file the packaged hub ships next to its bundle (scripts/build-hub.ts), if this is the packaged hub. */
function prebuilt(name: string): string | undefined {
  const file = `${dashboardDir}${name}`;
  return existsSync(file) ? file : undefined;
}

export function createDashboardAssets(options: DashboardAssetOptions = {}): DashboardAssets {
  const scriptEntry = options.scriptEntry ?? DASHBOARD_ENTRY;
  // The packaged hub: the page script built ahead and echarts copied beside it.
  const script = options.scriptEntry === undefined ? prebuilt('dashboard.js') : undefined;
  const echarts = prebuilt('echarts.min.js');
  const assets: Record<string, { load: () => Promise<Buffer>; type: string }> = {
    '/': { load: () => readFile(`${dashboardDir}index.html`), type: 'text/html; charset=utf-8' },
    '/dashboard.js': { load: () => (script ? readFile(script) : bundleDashboardScript(scriptEntry)), type: 'text/javascript; charset=utf-8' },
    '/dashboard.css': { load: () => readFile(`${dashboardDir}dashboard.css`), type: 'text/css; charset=utf-8' },
    '/vendor/echarts.min.js': { load: () => readFile(echarts ?? require.resolve('echarts/dist/echarts.min.js')), type: 'text/javascript; charset=utf-8' },
  };
  /** Loaded or loading files (concurrent first requests share one build). A failure is not kept: the next request tries again. */
  const cache = new Map<string, Promise<Buffer>>();

  return (path) => {
    const asset = Object.hasOwn(assets, path) ? assets[path] : undefined;
    if (!asset) return undefined;
    return {
      type: asset.type,
      bytes: () => {
        let bytes = cache.get(path);
        if (!bytes) {
          const loading = asset.load();
          cache.set(path, loading);
          loading.catch(() => {
            if (cache.get(path) === loading) cache.delete(path);
          });
          bytes = loading;
        }
        return bytes;
      },
    };
  };
}
