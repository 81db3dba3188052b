import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * Path of the installed Electron binary, or null. Installs run with ELECTRON_SKIP_BINARY_DOWNLOAD=1
 * where the binary cannot be fetched; then require('electron') throws or names a missing file.
 */
export function electronBinary(): string | null {
  try {
    const path = createRequire(import.meta.url)('electron') as unknown;
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}
