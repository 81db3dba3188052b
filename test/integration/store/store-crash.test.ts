// Crash safety (issue 3 §3): a writer process is killed with SIGKILL mid-write; the database must
// reopen intact and hold every examination the writer reported as committed.
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { openStationStore } from '../../../electron/store/index';
import { useTempDir } from '../../helpers/temp-dir';

const dir = useTempDir('loupe-store-crash-');
const writer = join(import.meta.dirname, 'fixtures', 'writer.ts');

/** Runs the writer until it has reported `count` commits, then SIGKILLs it; returns the reported ids. */
function runAndKill(dataDir: string, prefix: string, count: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', writer, dataDir, prefix], { stdio: ['ignore', 'pipe', 'pipe'] });
    const committed: string[] = [];
    let stderr = '';
    let killed = false;
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    createInterface({ input: child.stdout }).on('line', (line) => {
      committed.push(line);
      // Kill while the writer is still looping: it is somewhere inside its next image write or
      // transaction, at a moment the test does not choose.
      if (committed.length >= count && !killed) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(committed);
      else reject(new Error(`writer exited with ${code} before being killed: ${stderr}`));
    });
  });
}

describe('station database crash safety', () => {
  it('survives kill -9 mid-write without corruption or losing a committed examination', async () => {
    const dataDir = join(dir, 'data');
    const allCommitted: string[] = [];
    for (const [round, count] of [5, 23, 11, 40].entries()) {
      const committed = await runAndKill(dataDir, `r${round}`, count);
      expect(committed.length).toBeGreaterThanOrEqual(count);
      allCommitted.push(...committed);

      const raw = new Database(join(dataDir, 'station.sqlite'));
      expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(raw.pragma('foreign_key_check')).toEqual([]);
      raw.close();

      const store = openStationStore(dataDir);
      try {
        const lost = allCommitted.filter((id) => store.getExamination(id) === null);
        expect(lost).toEqual([]);
        for (const id of committed) {
          const exam = store.getExamination(id);
          expect(exam?.id).toBe(id);
          // Each committed examination's capture file is complete: its bytes hash to its name.
          const image = exam?.images[0];
          const path = image ? store.imagePath(image.hash) : null;
          expect(path).not.toBeNull();
          expect(createHash('sha256').update(readFileSync(path as string)).digest('hex')).toBe(image?.hash);
        }
        // A capture interrupted mid-write leaves no partial file behind once the store reopens.
        const leftovers = readdirSync(join(dataDir, 'images'), { recursive: true }).filter((f) => String(f).includes('.tmp-'));
        expect(leftovers).toEqual([]);
      } finally {
        store.close();
      }
    }
    expect(allCommitted.length).toBeGreaterThanOrEqual(5 + 23 + 11 + 40);
  });
});
