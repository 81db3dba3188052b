// Files and folders named on the command line, checked before anything reads, opens or writes them,
// so that every kind of bad path (missing, a folder, empty, oversized, not writable) is refused the
// same way: InvalidInput (exit code 2), one line naming the file as it was typed.
import { X509Certificate } from 'node:crypto';
import { accessSync, constants, readFileSync, statSync, type Stats } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { LoupeError } from '../loupe-error';

function statOf(path: string): Stats | null {
  try {
    return statSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw new LoupeError('common', 'InvalidInput', `cannot read ${what(path)} (${code ?? String(err)})`);
  }
}

function what(path: string): string {
  return `'${path}'`;
}

/**
 * A file to read: it exists, is a regular file, is not empty and not over `maxBytes`.
 * `role` names it in messages ("image", "bundle", "TLS key").
 */
export function inputFile(path: string, role: string, maxBytes: number): string {
  const stats = statOf(path);
  if (!stats) throw new LoupeError('common', 'InvalidInput', `no such file: the ${role} ${what(path)} does not exist`);
  if (stats.isDirectory()) throw new LoupeError('common', 'InvalidInput', `the ${role} ${what(path)} is a folder, not a file`);
  if (!stats.isFile()) throw new LoupeError('common', 'InvalidInput', `the ${role} ${what(path)} is not a regular file`);
  if (stats.size === 0) throw new LoupeError('common', 'InvalidInput', `the ${role} ${what(path)} is empty`);
  if (stats.size > maxBytes) throw new LoupeError('common', 'InvalidInput', `the ${role} ${what(path)} is too large (${stats.size} bytes; at most ${maxBytes})`);
  try {
    accessSync(path, constants.R_OK);
  } catch {
    throw new LoupeError('common', 'InvalidInput', `the ${role} ${what(path)} cannot be read (permission denied)`);
  }
  return path;
}

/** The bytes of a file checked with inputFile. */
export function readInputFile(path: string, role: string, maxBytes: number): Buffer {
  inputFile(path, role, maxBytes);
  try {
    return readFileSync(path);
  } catch (err) {
    throw new LoupeError('common', 'InvalidInput', `cannot read the ${role} ${what(path)} (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
}

/** PEM certificates (a CA, a server certificate) are a few kilobytes; a file far larger is not one. */
const PEM_FILE_MAX_BYTES = 1024 * 1024;

/** A certificate file in PEM form (its first certificate is parsed), refused as bad input otherwise. */
export function readCertificateFile(path: string, role: string): Buffer {
  const pem = readInputFile(path, role, PEM_FILE_MAX_BYTES);
  try {
    new X509Certificate(pem);
  } catch {
    throw new LoupeError('common', 'InvalidInput', `the ${role} ${what(path)} is not a certificate in PEM form (-----BEGIN CERTIFICATE-----)`);
  }
  return pem;
}

/** A file to write: not a folder, in an existing folder this user may write to. Checked before the work. */
export function outputFile(path: string, role: string): string {
  const stats = statOf(path);
  if (stats?.isDirectory()) throw new LoupeError('common', 'InvalidInput', `the ${role} ${what(path)} is a folder; give a file name`);
  if (stats && !stats.isFile()) throw new LoupeError('common', 'InvalidInput', `the ${role} ${what(path)} is not a regular file`);
  const folder = dirname(resolve(path));
  const parent = statOf(folder);
  if (!parent) throw new LoupeError('common', 'InvalidInput', `cannot write the ${role} ${what(path)}: its folder does not exist`);
  if (!parent.isDirectory()) throw new LoupeError('common', 'InvalidInput', `cannot write the ${role} ${what(path)}: ${what(dirname(path))} is not a folder`);
  try {
    accessSync(folder, constants.W_OK);
    if (stats) accessSync(path, constants.W_OK);
  } catch {
    throw new LoupeError('common', 'InvalidInput', `cannot write the ${role} ${what(path)} (permission denied)`);
  }
  return path;
}

/** A data folder (--data, --data-dir): created when missing, but never a file. */
export function dataFolder(path: string, role: string): string {
  const stats = statOf(path);
  if (stats && !stats.isDirectory()) throw new LoupeError('common', 'InvalidInput', `the ${role} ${what(path)} is a file, not a folder`);
  return path;
}
