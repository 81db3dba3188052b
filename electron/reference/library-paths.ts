// Where the two halves of the reference library live.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Built-in classes shipped with the application (assets/reference). */
export function builtinReferenceDir(): string {
  return fileURLToPath(new URL('../../assets/reference/', import.meta.url));
}

/** The station's own classes: added, edited, retired or imported by its experts. */
export function userReferenceDir(dataDir: string): string {
  return join(dataDir, 'reference');
}
