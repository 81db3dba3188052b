// `loupe reference learn` and `grow` through the real entry point: genuine captures in three lights
// (the specimen generator's, named as a hot folder names them) learn a class; bad input exits 2 with
// a message in plain words and leaves the library as it was.
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { referenceCommand } from '../../../electron/cli/commands/reference.command';
import { commands } from '../../../electron/cli/commands';
import type { Command } from '../../../electron/common/command-line/command';
import type { DocumentClass } from '../../../electron/contract/reference.contract';
import { shutdownOcr } from '../../../electron/mrz/mrz-ocr-engine';
import { userReferenceDir } from '../../../electron/reference';
import { renderSpecimen, writeSpecimen } from '../../../electron/specimens';
import { openStationStore } from '../../../electron/store';
import { loupeInProcess, type LoupeRun } from '../../helpers/loupe-in-process';
import { useTempDir } from '../../helpers/temp-dir';
import { snapshot } from '../reference/reference-fixtures';

if (!commands.some((c) => c.name === 'reference')) commands.push(referenceCommand as Command<never>);

const temp = useTempDir('loupe-learn-cli-');
const data = join(temp, 'data');
const captures = join(temp, 'captures');
afterAll(() => shutdownOcr());

const loupe = (...args: string[]): Promise<LoupeRun> => loupeInProcess('reference', ...args, '--data', data);
const files = (names: string[]) => names.map((n) => join(captures, n));
let all: string[] = [];

beforeAll(async () => {
  mkdirSync(captures, { recursive: true });
  // Five genuine captures of one design as a reader makes them (light degradation), three lights each.
  for (let i = 0; i < 5; i++) writeSpecimen(captures, await renderSpecimen(4242, i, { design: 'aurora-td3', degrade: 'light' }));
  all = readdirSync(captures).filter((f) => /_(white|ir|uv)\.(png|jpg)$/.test(f)).sort();
}, 120_000);

const ofCaptures = (n: number) => {
  const bases = [...new Set(all.map((f) => f.replace(/_(white|ir|uv)\.(png|jpg)$/, '')))].slice(0, n);
  return all.filter((f) => bases.some((b) => f.startsWith(`${b}_`)));
};

describe('loupe reference learn', () => {
  it('learns a class from 3 genuine captures in three lights, lists it and shows how its bounds are backed', async () => {
    const r = await loupe('learn', '--id', 'aurora-learned', '--title', 'Passport (learned)', '--type', 'P', '--series', '2024', '--actor', 'expert', ...files(ofCaptures(3)), '--json');
    expect(r.code, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout) as { action: string; cls: DocumentClass; captures: { used: boolean }[] };
    expect(result.action).toBe('learn');
    expect(result.cls).toMatchObject({ id: 'aurora-learned', version: 1, series: '2024', documentCodes: ['P'], images: { white: 'white.png', ir: 'ir.png', uv: 'uv.png' } });
    expect(result.cls.learning).toMatchObject({ captures: 3, lights: ['white', 'ir', 'uv'] });
    expect(result.cls.zones.some((z) => z.expect.ir)).toBe(true);
    expect(result.cls.zones.some((z) => z.expect.uv?.fluoresces)).toBe(true);
    expect(result.captures.every((c) => c.used)).toBe(true);

    const list = await loupe('list');
    expect(list.stdout).toMatch(/aurora-learned .* user .*\(learned from 3 captures\)/);
    const show = await loupe('show', 'aurora-learned');
    expect(show.code, show.stderr).toBe(0);
    expect(show.stdout).toContain('learned from 3 genuine captures (white, ir, uv)');
    expect(show.stdout).toMatch(/visible\.template bad-tile-fraction\s+≤ \S+\s+n=3\s+worst \S+\s+headroom \d+%/);

    const store = openStationStore(data);
    try {
      expect(store.auditLog(10).find((e) => e.action === 'learning.save')).toMatchObject({ subject: 'aurora-learned', details: { version: 1, captures: 3, by: 'expert', from: 'command line' } });
    } finally {
      store.close();
    }
  }, 240_000);

  it('grows it with 2 more captures: same id, next version, bounds from all 5', async () => {
    const rest = ofCaptures(5).filter((f) => !ofCaptures(3).includes(f));
    const r = await loupe('grow', '--id', 'aurora-learned', ...files(rest), '--json');
    expect(r.code, r.stderr).toBe(0);
    const { cls } = JSON.parse(r.stdout) as { cls: DocumentClass };
    expect(cls).toMatchObject({ id: 'aurora-learned', version: 2, learning: { captures: 5 } });
    expect(cls.learning?.history.map((h) => h.action)).toEqual(['learned', 'grown']);
    expect(cls.calibration?.find((b) => b.check === 'visible.template')?.samples).toHaveLength(5);
  }, 240_000);

  describe('bad input exits 2 and changes nothing', () => {
    const corrupt = join(temp, 'bad');
    beforeAll(() => {
      mkdirSync(corrupt, { recursive: true });
      for (const f of ofCaptures(3)) copyFileSync(join(captures, f), join(corrupt, f));
      // One white-light image cut short: a file a scanner left half written.
      const white = ofCaptures(3).find((f) => /_white\.(png|jpg)$/.test(f))!;
      writeFileSync(join(corrupt, white), Buffer.from('\x89PNG\r\n\x1a\n0000 not the rest of the image'));
    });

    const cases: [string, () => string[], RegExp][] = [
      ['fewer than 3 captures', () => ['--id', 'x-two', '--title', 'T', ...files(ofCaptures(2))], /at least 3 genuine captures \(got 2\)/],
      ['a capture without its white-light image', () => ['--id', 'x-nowhite', '--title', 'T', ...files(ofCaptures(3).filter((f) => f !== ofCaptures(3).find((x) => /_white\.(png|jpg)$/.test(x))))], /needs its white-light image: .* has none/],
      ['a damaged image', () => ['--id', 'x-corrupt', '--title', 'T', ...ofCaptures(3).map((f) => join(corrupt, f))], /capture '.*': .*_white\.(png|jpg) is not an image Loupe can decode/],
      ['an id the library already has', () => ['--id', 'aurora-td3', '--title', 'T', ...files(ofCaptures(3))], /already has a class 'aurora-td3'/],
      ['a file not named by light', () => ['--id', 'x-name', '--title', 'T', join(temp, 'page.png'), ...files(ofCaptures(3))], /NAME_white, NAME_ir or NAME_uv.*page\.png/],
      ['no --title', () => ['--id', 'x-title', ...files(ofCaptures(3))], /--title T is required/],
      ['a bad --issuer', () => ['--id', 'x-iss', '--title', 'T', '--issuer', 'germany', ...files(ofCaptures(3))], /--issuer 'germany'/],
      ['a bad --id', () => ['--id', 'Bad Id', '--title', 'T', ...files(ofCaptures(3))], /--id 'Bad Id'/],
      ['growing a class not learned from captures', () => ['--id', 'aurora-td3', ...files(ofCaptures(3))], /only a learned class can be grown/],
    ];
    for (const [what, args, message] of cases) {
      it(what, async () => {
        writeFileSync(join(temp, 'page.png'), 'x');
        const before = snapshot(userReferenceDir(data));
        const action = what.startsWith('growing') ? 'grow' : 'learn';
        const r = await loupe(action, ...args());
        expect(r.code, r.stderr).toBe(2);
        expect(r.stderr).toMatch(message);
        expect(r.stderr).not.toContain(join(data, 'learning-staging'));
        expect(snapshot(userReferenceDir(data))).toEqual(before);
      }, 120_000);
    }
  });
});
