// The hub dashboard's static files: a small page, its script and style (electron/hub/dashboard/),
// and echarts' prebuilt bundle straight from node_modules. Only these fixed paths are served.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const dashboardDir = fileURLToPath(new URL('./dashboard/', import.meta.url));
const require = createRequire(import.meta.url);

const ASSETS: Record<string, { file: () => string; type: string }> = {
  '/': { file: () => `${dashboardDir}index.html`, type: 'text/html; charset=utf-8' },
  '/dashboard.js': { file: () => `${dashboardDir}dashboard.js`, type: 'text/javascript; charset=utf-8' },
  '/dashboard.css': { file: () => `${dashboardDir}dashboard.css`, type: 'text/css; charset=utf-8' },
  '/vendor/echarts.min.js': { file: () => require.resolve('echarts/dist/echarts.min.js'), type: 'text/javascript; charset=utf-8' },
};

const cache = new Map<string, Buffer>();

export function dashboardAsset(path: string): { type: string; bytes: () => Buffer } | undefined {
  const asset = Object.hasOwn(ASSETS, path) ? ASSETS[path] : undefined;
  if (!asset) return undefined;
  return {
    type: asset.type,
    bytes: () => {
      let bytes = cache.get(path);
      if (!bytes) {
        bytes = readFileSync(asset.file());
        cache.set(path, bytes);
      }
      return bytes;
    },
  };
}
