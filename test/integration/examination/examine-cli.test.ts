// `loupe examine` and `loupe report` as a user runs them: real files, real database, real Chromium.
import { execFile } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ExaminationSchema } from '../../../electron/contract/examination.contract';
import { useTempDir } from '../../helpers/temp-dir';

const run = promisify(execFile);
const dir = useTempDir('loupe-examine-');
const specimens = join(process.cwd(), 'assets', 'specimens');

describe('loupe examine / loupe report', () => {
  it('examines white + IR + UV files, stores the examination and writes its PDF report', async () => {
    const id = 'spc-9303-0001';
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'electron/cli/main.ts', 'examine', '--white', join(specimens, `${id}_white.png`), '--ir', join(specimens, `${id}_ir.png`), '--uv', join(specimens, `${id}_uv.png`), '--officer', 'Ana Petrović', '--badge', 'B-1701', '--data', dir, '--json']);
    const exam = ExaminationSchema.parse(JSON.parse(stdout));
    const truth = JSON.parse(readFileSync(join(specimens, `${id}.truth.json`), 'utf8')) as { mrz: { lines: string[] } };
    expect(exam.mrz?.lines).toEqual(truth.mrz.lines);
    expect(exam.images).toHaveLength(3);
    expect(exam.officer.name).toBe('Ana Petrović');

    const out = join(dir, 'report.pdf');
    await run(process.execPath, ['--import', 'tsx', 'electron/cli/main.ts', 'report', exam.id, '--out', out, '--data', dir]);
    expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
    // The case file holds the holder's personal data: readable by this user only.
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const { stdout: text } = await run('pdftotext', [out, '-']);
    expect(text).toContain('Ana Petrović');
    expect(text).toContain(exam.images[0]!.hash);
  }, 120_000);

  it('fails with one line on stderr for a corrupt image, and stores nothing', async () => {
    const bad = join(dir, 'corrupt.png');
    await import('node:fs/promises').then((fs) => fs.writeFile(bad, 'not an image'));
    const err = await run(process.execPath, ['--import', 'tsx', 'electron/cli/main.ts', 'examine', '--white', bad, '--data', join(dir, 'empty')]).catch((e: { code: number; stderr: string }) => e);
    expect((err as { code: number }).code).not.toBe(0);
    expect((err as { stderr: string }).stderr.trim().split('\n')).toHaveLength(1);
    expect((err as { stderr: string }).stderr).toMatch(/not a supported image/);
    const { openStationStore } = await import('../../../electron/store');
    const store = openStationStore(join(dir, 'empty'));
    expect(store.listExaminations({}, null)).toHaveLength(0);
    store.close();
  });
});
