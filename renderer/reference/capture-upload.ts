// Capture files chosen in the browser, sent by name and content (base64) to be learned from; grouped
// for the form's count by the same naming rule as the hot folder (contract/capture-file-names.ts).
import { parseImageSetName } from '../../electron/contract/capture-file-names';
import type { CaptureFile } from '../../electron/contract/learning.contract';

function toBase64(bytes: Uint8Array): string {
  let text = '';
  // In slices: String.fromCharCode with a whole image as arguments overflows the stack.
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

export async function readCaptureFiles(files: readonly File[]): Promise<CaptureFile[]> {
  return Promise.all(files.map(async (f) => ({ name: f.name, base64: toBase64(new Uint8Array(await f.arrayBuffer())) })));
}

/** Captures among the chosen files that have their white-light image. */
export function countCaptures(names: readonly string[]): number {
  const white = new Set<string>();
  for (const name of names) {
    const parsed = parseImageSetName(name);
    if (parsed?.light === 'white') white.add(parsed.base);
  }
  return white.size;
}

/** An object URL for a base64 PNG of a proposal (the renderer's CSP allows blob: images, not data:). */
export function pngUrl(base64: string): string {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return URL.createObjectURL(new Blob([bytes], { type: 'image/png' }));
}
