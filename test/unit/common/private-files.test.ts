// The data-folder permission policy on real files, under the most permissive umask (0): modes come
// from the code, never from the umask.
import { chmodSync, lstatSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensurePrivateFile, makePrivateDir, tightenPrivateTree, writePrivateFile, writePrivateFileAsync } from '../../../electron/common/private-files';
import { useTempDir } from '../../helpers/temp-dir';

const root = useTempDir('loupe-private-');
const modeOf = (path: string) => lstatSync(path).mode & 0o777;

let previousUmask: number;
beforeAll(() => {
  previousUmask = process.umask(0);
});
afterAll(() => {
  process.umask(previousUmask);
});

describe('private files', () => {
  it('creates folders 0700 (missing parents too) and files 0600', async () => {
    makePrivateDir(join(root, 'a', 'b'));
    expect([modeOf(join(root, 'a')), modeOf(join(root, 'a', 'b'))]).toEqual([0o700, 0o700]);
    writePrivateFile(join(root, 'a', 'b', 'one.json'), '{}');
    await writePrivateFileAsync(join(root, 'a', 'b', 'two.png'), Buffer.from([1, 2, 3]));
    expect([modeOf(join(root, 'a', 'b', 'one.json')), modeOf(join(root, 'a', 'b', 'two.png'))]).toEqual([0o600, 0o600]);
  });

  it('replaces an existing, looser file with a private one, and leaves the folder it is in alone', () => {
    const folder = join(root, 'chosen-by-the-user');
    mkdirSync(folder, { mode: 0o755 });
    const file = join(folder, 'report.pdf');
    writeFileSync(file, 'old', { mode: 0o666 });
    writePrivateFile(file, 'new');
    expect(readFileSync(file, 'utf8')).toBe('new');
    expect(modeOf(file)).toBe(0o600);
    expect(modeOf(folder)).toBe(0o755);
  });

  it('creates a file for another writer (SQLite) empty and 0600, or tightens the one there', () => {
    const fresh = join(root, 'fresh.sqlite');
    ensurePrivateFile(fresh);
    expect([modeOf(fresh), readFileSync(fresh).length]).toEqual([0o600, 0]);
    const existing = join(root, 'existing.sqlite');
    writeFileSync(existing, 'data', { mode: 0o644 });
    ensurePrivateFile(existing);
    expect([modeOf(existing), readFileSync(existing, 'utf8')]).toEqual([0o600, 'data']);
  });

  it('tightens a tree, keeping owner bits, without touching or following links', () => {
    const tree = join(root, 'tree');
    mkdirSync(join(tree, 'sub'), { recursive: true, mode: 0o775 });
    chmodSync(tree, 0o755);
    writeFileSync(join(tree, 'sub', 'world.txt'), 'x', { mode: 0o666 });
    writeFileSync(join(tree, 'read-only.txt'), 'x', { mode: 0o444 });
    writeFileSync(join(tree, 'already.txt'), 'x', { mode: 0o600 });
    const outside = join(root, 'outside');
    mkdirSync(outside, { mode: 0o755 });
    writeFileSync(join(outside, 'target.txt'), 'x', { mode: 0o644 });
    symlinkSync(join(outside, 'target.txt'), join(tree, 'file-link'));
    symlinkSync(outside, join(tree, 'sub', 'folder-link'));

    expect(tightenPrivateTree(tree)).toEqual({ tightened: 4, failed: 0 });
    expect(modeOf(tree)).toBe(0o700);
    expect(modeOf(join(tree, 'sub'))).toBe(0o700);
    expect(modeOf(join(tree, 'sub', 'world.txt'))).toBe(0o600);
    expect(modeOf(join(tree, 'read-only.txt'))).toBe(0o400);
    expect(modeOf(join(tree, 'already.txt'))).toBe(0o600);
    expect([modeOf(outside), modeOf(join(outside, 'target.txt'))]).toEqual([0o755, 0o644]);
    expect(tightenPrivateTree(tree)).toEqual({ tightened: 0, failed: 0 });
  });
});
