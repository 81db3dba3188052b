import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * Path of the installed Electron binary, or null. Under plain Node the electron npm package only
 * exports that path (no Electron API is loaded here). Installs run with ELECTRON_SKIP_BINARY_DOWNLOAD=1
 * where the binary cannot be fetched; then resolving the package throws or names a missing file.
 */
export function electronBinary(): string | null {
  try {
    const path = createRequire(import.meta.url)('electron') as unknown;
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}
