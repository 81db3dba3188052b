import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { referenceCommand } from '../../../electron/cli/commands/reference.command';
import { commands } from '../../../electron/cli/commands';
import { loupeInProcess, type LoupeRun } from '../../helpers/loupe-in-process';
import { useTempDir } from '../../helpers/temp-dir';
import type { Command } from '../../../electron/common/command-line/command';
import { userReferenceDir } from '../../../electron/reference';
import { snapshot, tinyClass, writeClassFolder } from './reference-fixtures';

// The command is part of the `loupe` command table; make sure this test runs it through main().
if (!commands.some((c) => c.name === 'reference')) commands.push(referenceCommand as Command<never>);

const temp = useTempDir('loupe-reference-cli-');
const dataA = join(temp, 'a');
const dataB = join(temp, 'b');

async function loupe(...args: string[]): Promise<LoupeRun> {
  return run('reference', args);
}

/** `loupe trust …`: the station's trust lists, where reference signers are trusted. */
async function trust(...args: string[]): Promise<LoupeRun> {
  return run('trust', args);
}

function run(command: string, args: string[]): Promise<LoupeRun> {
  return loupeInProcess(command, ...args);
}

describe('loupe reference', () => {
  it('lists the built-in classes as JSON', async () => {
    const r = await loupe('list', '--data', dataA, '--json');
    expect(r.code, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout) as { classes: { id: string; source: string }[]; problems: unknown[] };
    expect(result.classes.map((c) => c.id)).toContain('aurora-td3');
    expect(result.classes.every((c) => c.source === 'builtin')).toBe(true);
    expect(result.problems).toEqual([]);
    const human = await loupe('list', '--data', dataA);
    expect(human.stdout).toMatch(/harbor-td1\s+TD1\s+any/);
  });

  it('exports, trusts and imports a package between two stations', async () => {
    const out = join(temp, 'shared.loupe-ref');
    const exported = await loupe('export', '--ids', 'delta-td2,sentinel-mrvb', '--out', out, '--data', dataA, '--json');
    expect(exported.code, exported.stderr).toBe(0);
    expect(existsSync(`${out}.sig`)).toBe(true);

    const unknown = await loupe('import', out, '--data', dataB);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^loupe reference: unknown signer/);

    const key = await loupe('key', '--data', dataA, '--json');
    const pem = (JSON.parse(key.stdout) as { publicKeyPem: string }).publicKeyPem;
    writeFileSync(join(temp, 'a.pub'), pem);
    const trusted = await trust('add', 'Station A', join(temp, 'a.pub'), '--for', 'reference', '--data', dataB);
    expect(trusted.code, trusted.stderr).toBe(0);
    const station = (JSON.parse(key.stdout) as { station: string }).station;
    expect((await trust('list', '--data', dataB)).stdout).toMatch(new RegExp(`^${station}  reference active   Station A  \\(added by \\S+ \\d{4}-`));
    // The old verb is gone, and says where the list is now.
    const old = await loupe('trust', 'add', 'Station A', join(temp, 'a.pub'), '--data', dataB);
    expect(old).toMatchObject({ code: 2, stderr: 'loupe reference: the trust list has its own command: loupe trust list|add|remove --for reference\n' });

    // Same versions as B's built-in classes: verified, then skipped.
    const imported = await loupe('import', out, '--sig', `${out}.sig`, '--data', dataB, '--json');
    expect(imported.code, imported.stderr).toBe(0);
    const result = JSON.parse(imported.stdout) as { signer: string; imported: unknown[]; skipped: { id: string }[] };
    expect(result.signer).toBe('Station A');
    expect(result.skipped.map((s) => s.id)).toEqual(['delta-td2', 'sentinel-mrvb']);

    const tampered = readFileSync(out);
    tampered[100]! ^= 0x01;
    writeFileSync(join(temp, 'tampered.loupe-ref'), tampered);
    const bad = await loupe('import', join(temp, 'tampered.loupe-ref'), '--sig', `${out}.sig`, '--data', dataB);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/bad signature/);
  });

  it('refuses a signed package whose reference images are not images, and the library stays as it was', async () => {
    // Station C's expert has a class whose white image was damaged on disk, and exports it signed.
    const dataC = join(temp, 'c');
    const dataD = join(temp, 'd');
    const damaged = await writeClassFolder(userReferenceDir(dataC), tinyClass('lab-p'));
    writeFileSync(join(damaged, 'white.png'), '<html>not a reference image</html>\n');
    const out = join(temp, 'damaged.loupe-ref');
    const exported = await loupe('export', '--ids', 'lab-p', '--out', out, '--data', dataC);
    expect(exported.code, exported.stderr).toBe(0);
    writeFileSync(join(temp, 'c.pub'), (JSON.parse((await loupe('key', '--data', dataC, '--json')).stdout) as { publicKeyPem: string }).publicKeyPem);
    expect((await trust('add', 'Lab C', join(temp, 'c.pub'), '--for', 'reference', '--data', dataD)).code).toBe(0);

    const before = snapshot(userReferenceDir(dataD));
    const listed = (await loupe('list', '--data', dataD, '--json')).stdout;
    const refused = await loupe('import', out, '--data', dataD);
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim()).toBe("loupe reference: class 'lab-p': white reference image 'white.png' is not a PNG or JPEG image");
    expect(snapshot(userReferenceDir(dataD))).toEqual(before);
    expect((await loupe('list', '--data', dataD, '--json')).stdout).toBe(listed);
  });

  it('lists a class whose images were damaged after import as broken, with the reason', async () => {
    const dataE = join(temp, 'e');
    const dir = await writeClassFolder(userReferenceDir(dataE), tinyClass('old-p'));
    const png = readFileSync(join(dir, 'uv.png'));
    writeFileSync(join(dir, 'uv.png'), png.subarray(0, png.length - 20));
    const json = await loupe('list', '--data', dataE, '--json');
    expect(json.code, json.stderr).toBe(0);
    const { classes } = JSON.parse(json.stdout) as { classes: { id: string; broken: { reason: string } | null }[] };
    expect(classes.find((c) => c.id === 'old-p')?.broken?.reason).toMatch(/^uv reference image 'uv.png' is damaged: its pixels could not be decoded/);
    expect(classes.filter((c) => c.id !== 'old-p').every((c) => c.broken === null)).toBe(true);
    const human = await loupe('list', '--data', dataE);
    expect(human.stdout).toMatch(/^old-p .*\n {2}BROKEN: cannot be loaded, never used to identify a document: uv reference image 'uv.png' is damaged/m);
    expect(human.stdout).not.toContain(dataE);
  });

  it('fails with a usage or not-found exit code', async () => {
    expect((await loupe('show', 'no-such-class', '--data', dataA)).code).toBe(1);
    expect((await loupe('frobnicate', '--data', dataA)).code).toBe(2);
    expect((await loupe('export', '--data', dataA)).stderr).toMatch(/--ids A,B is required/);
    const shown = await loupe('show', 'aurora-td3', '--data', dataA, '--json');
    expect((JSON.parse(shown.stdout) as { cls: { zones: unknown[] } }).cls.zones.length).toBeGreaterThan(10);
  });
});
