import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { DocumentClassSchema } from '../../../electron/contract/reference.contract';
import { documentCodeMatches, openReferenceLibrary } from '../../../electron/reference';
import { SPECIMEN_DESIGNS } from '../../../electron/specimens';
import { useTempDir } from '../../helpers/temp-dir';
import { BUILTIN_DIR, snapshot, tinyClass, tinyPng, writeClassFolder } from '../../integration/reference/reference-fixtures';

const temp = useTempDir('loupe-reference-lib-');
let n = 0;
const freshDir = (): string => join(temp, `d${n++}`);
const builtinOnly = () => openReferenceLibrary({ builtinDir: BUILTIN_DIR, userDir: freshDir() });

describe('built-in reference classes', () => {
  it('has one valid class per specimen design, with images matching its size and dpi', async () => {
    const lib = builtinOnly();
    expect(lib.problems()).toEqual([]);
    expect(lib.list().map((c) => c.id).sort()).toEqual(SPECIMEN_DESIGNS.map((d) => d.id).sort());
    for (const summary of lib.list()) {
      const { cls, dir } = lib.get(summary.id);
      expect(DocumentClassSchema.parse(JSON.parse(readFileSync(join(dir, 'class.json'), 'utf8')))).toEqual(cls);
      expect(summary).toMatchObject({ source: 'builtin', status: 'active', issuer: null, series: '2024' });
      const widthPx = Math.round((cls.size.widthMm / 25.4) * cls.dpi);
      const heightPx = Math.round((cls.size.heightMm / 25.4) * cls.dpi);
      for (const light of ['white', 'ir', 'uv'] as const) {
        const meta = await sharp(lib.imagePath(cls.id, light) as string).metadata();
        expect([meta.width, meta.height]).toEqual([widthPx, heightPx]);
      }
      for (const zone of cls.zones) {
        expect(zone.box.x + zone.box.w, `${cls.id}/${zone.id}`).toBeLessThanOrEqual(widthPx);
        expect(zone.box.y + zone.box.h, `${cls.id}/${zone.id}`).toBeLessThanOrEqual(heightPx);
      }
      const ids = cls.zones.map((z) => z.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const required of ['header', 'pattern', 'photo', 'signature', 'mrz', 'uv-emblem', 'field-surname', 'field-document-number']) expect(ids).toContain(required);
    }
  });

  it('encodes the design properties as expectations', () => {
    const lib = builtinOnly();
    const aurora = lib.get('aurora-td3').cls;
    const zone = (id: string) => aurora.zones.find((z) => z.id === id);
    expect(zone('mrz')?.expect.ir).toBe('visible');
    expect(zone('field-document-number')).toMatchObject({ field: 'documentNumber', personal: true, expect: { ir: 'visible' } });
    expect(zone('field-surname')).toMatchObject({ field: 'surname', expect: { ir: 'invisible' } });
    expect(zone('field-place-of-birth')?.field).toBeUndefined();
    expect(zone('uv-emblem')?.expect.uv).toEqual({ fluoresces: true, colour: '#d9ff5a', fixedPattern: true });
    expect(zone('uv-number')).toMatchObject({ personal: true, expect: { uv: { fluoresces: true, colour: '#ffa040' } } });
    // The page-wide pattern zone holds IR-absorbing print and lies under emblems and fibres: white light only.
    expect(zone('pattern')?.expect).toEqual({ white: { fixedPattern: true } });
    expect(zone('signature')?.expect).toEqual({});
    expect(aurora.uvFibres?.perPage).toBe(45);
    const meridian = lib.get('meridian-td3').cls;
    expect(meridian.zones.find((z) => z.id === 'ir-band')?.expect.ir).toBe('visible');
    expect(meridian.zones.find((z) => z.id === 'photo')?.expect.ir).toBe('invisible');
    expect(meridian.zones.find((z) => z.id === 'field-surname')?.expect.ir).toBe('visible');
  });

  it('keeps the fluorescent fibres out of the UV reference image outside personal zones', async () => {
    // The substrate outside every zone must be dull: no pixel brighter than a fibre halo.
    const lib = builtinOnly();
    for (const { id } of lib.list()) {
      const { cls } = lib.get(id);
      const { data, info } = await sharp(lib.imagePath(id, 'uv') as string).removeAlpha().raw().toBuffer({ resolveWithObject: true });
      const covered = (x: number, y: number) => cls.zones.some((z) => z.kind !== 'pattern' && x >= z.box.x && x < z.box.x + z.box.w && y >= z.box.y && y < z.box.y + z.box.h);
      let glowing = 0;
      for (let y = 0; y < info.height; y += 2) {
        for (let x = 0; x < info.width; x += 2) {
          const i = (y * info.width + x) * info.channels;
          if (data[i]! + data[i + 1]! + data[i + 2]! > 200 && !covered(x, y)) glowing++;
        }
      }
      expect(glowing, id).toBe(0);
    }
  });
});

describe('candidates by MRZ', () => {
  it('matches format, document code and issuer', () => {
    const lib = builtinOnly();
    const ids = (format: 'TD1' | 'TD2' | 'TD3' | 'MRVA' | 'MRVB', documentCode: string, issuer?: string) => lib.candidates({ format, documentCode, issuer }).map((c) => c.id).sort();
    expect(ids('TD3', 'P<', 'UTO')).toEqual(['aurora-td3', 'meridian-td3']);
    expect(ids('TD3', 'PO')).toEqual(['aurora-td3']);
    expect(ids('TD1', 'ID', 'D<<')).toEqual(['harbor-td1']);
    expect(ids('TD2', 'AC')).toEqual(['delta-td2']);
    expect(ids('MRVB', 'V<')).toEqual(['sentinel-mrvb']);
    expect(ids('TD3', 'V<')).toEqual([]);
  });

  it('treats a one-letter class code as any subtype and a filler as no subtype', () => {
    expect(documentCodeMatches('P', 'PD')).toBe(true);
    expect(documentCodeMatches('P<', 'P')).toBe(true);
    expect(documentCodeMatches('P<', 'PD')).toBe(false);
    expect(documentCodeMatches('I<', 'ID')).toBe(false);
  });

  it('filters by issuer unless the class is shared (issuer null)', async () => {
    const builtinDir = freshDir();
    await writeClassFolder(builtinDir, tinyClass('uto-p', { issuer: 'UTO' }));
    const lib = openReferenceLibrary({ builtinDir, userDir: freshDir() });
    expect(lib.candidates({ format: 'TD3', documentCode: 'PD', issuer: 'UTO' }).map((c) => c.id)).toEqual(['uto-p']);
    expect(lib.candidates({ format: 'TD3', documentCode: 'PD', issuer: 'D<<' })).toEqual([]);
  });

  it("matches an issuer written with the MRZ's fillers ('D<<') to the code the reader gives ('D'), both ways", async () => {
    const builtinDir = freshDir();
    await writeClassFolder(builtinDir, tinyClass('d-padded', { issuer: 'D<<' }));
    await writeClassFolder(builtinDir, tinyClass('d-bare', { issuer: 'D' }));
    const lib = openReferenceLibrary({ builtinDir, userDir: freshDir() });
    expect(lib.candidates({ format: 'TD3', documentCode: 'PD', issuer: 'D' }).map((c) => c.id).sort()).toEqual(['d-bare', 'd-padded']);
    expect(lib.candidates({ format: 'TD3', documentCode: 'PD', issuer: 'D<<' }).map((c) => c.id).sort()).toEqual(['d-bare', 'd-padded']);
    expect(lib.candidates({ format: 'TD3', documentCode: 'PD', issuer: 'DE' })).toEqual([]);
  });
});

describe('user library', () => {
  it('overrides a built-in class, bumps the version and retires it', async () => {
    const lib = openReferenceLibrary({ builtinDir: BUILTIN_DIR, userDir: freshDir(), now: () => new Date('2031-05-06T07:08:09Z') });
    const builtin = lib.get('harbor-td1');
    const saved = lib.save({ ...builtin.cls, series: '2031', zones: builtin.cls.zones.map((z) => (z.id === 'photo' ? { ...z, note: 'check the laser engraving' } : z)) });
    expect(saved).toMatchObject({ version: 2, series: '2031', updatedAt: '2031-05-06T07:08:09.000Z' });
    expect(lib.list().find((c) => c.id === 'harbor-td1')).toMatchObject({ source: 'user', version: 2 });
    expect(lib.imagePath('harbor-td1', 'uv')).toBe(join(lib.userDir, 'harbor-td1', 'uv.png'));
    expect(readFileSync(lib.imagePath('harbor-td1', 'uv') as string)).toEqual(readFileSync(join(builtin.dir, 'uv.png')));

    const retired = lib.retire('harbor-td1');
    expect(retired).toMatchObject({ status: 'retired', version: 3 });
    expect(lib.candidates({ format: 'TD1', documentCode: 'ID' })).toEqual([]);
    const reopened = openReferenceLibrary({ builtinDir: BUILTIN_DIR, userDir: lib.userDir });
    expect(reopened.get('harbor-td1').cls).toMatchObject({ status: 'retired', version: 3, series: '2031' });
    expect(reopened.get('harbor-td1').cls.zones.find((z) => z.id === 'photo')?.note).toBe('check the laser engraving');
  });

  it('lets a newer built-in version win over an older user copy', async () => {
    const builtinDir = freshDir();
    const userDir = freshDir();
    await writeClassFolder(builtinDir, tinyClass('x-p', { version: 4, series: 'new' }));
    await writeClassFolder(userDir, tinyClass('x-p', { version: 3, series: 'old' }));
    await writeClassFolder(userDir, tinyClass('y-p', { version: 1 }));
    const lib = openReferenceLibrary({ builtinDir, userDir });
    expect(lib.get('x-p')).toMatchObject({ source: 'builtin', cls: { series: 'new' } });
    expect(lib.get('y-p').source).toBe('user');
  });

  it('saves new images and rejects non-images and invalid classes without writing', async () => {
    const lib = openReferenceLibrary({ builtinDir: freshDir(), userDir: freshDir() });
    const saved = lib.save(tinyClass('new-p', { images: { white: 'w.png', ir: 'i.png', uv: 'u.png' } }), { white: await tinyPng(100), ir: await tinyPng(50), uv: await tinyPng(20) });
    expect(saved.images).toEqual({ white: 'white.png', ir: 'ir.png', uv: 'uv.png' });
    expect(readFileSync(join(lib.userDir, 'new-p', 'ir.png'))).toEqual(await tinyPng(50));
    expect(lib.list()).toHaveLength(1);
    const before = snapshot(lib.userDir);
    expect(() => lib.save(tinyClass('other-p'), { white: Buffer.from('GIF89a not a png') })).toThrow(/PNG or JPEG/);
    expect(() => lib.save(tinyClass('bad-p', { zones: [{ id: 'X', kind: 'mrz', label: '', box: { x: 0, y: 0, w: 1, h: 1 }, personal: true, expect: {} }] }))).toThrow(/invalid reference class/);
    expect(() => lib.save(tinyClass('noimg-p'))).toThrow(/no white reference image/);
    expect(snapshot(lib.userDir)).toEqual(before);
  });

  it('reports invalid class folders with a reason and keeps the valid ones', async () => {
    const userDir = freshDir();
    await writeClassFolder(userDir, tinyClass('good-p'));
    await writeClassFolder(userDir, tinyClass('broken-json'), '{ "schema": ');
    await writeClassFolder(userDir, tinyClass('bad-schema'), JSON.stringify({ ...tinyClass('bad-schema'), format: 'TD9' }));
    await writeClassFolder(userDir, tinyClass('renamed'), JSON.stringify(tinyClass('other-name')));
    const missing = await writeClassFolder(userDir, tinyClass('no-image'));
    writeFileSync(join(missing, 'white.png'), '');
    const { rmSync } = await import('node:fs');
    rmSync(join(missing, 'white.png'));
    mkdirSync(join(userDir, 'empty-folder'));
    const lib = openReferenceLibrary({ builtinDir: BUILTIN_DIR, userDir });
    expect(lib.list().map((c) => c.id)).toContain('good-p');
    const reasons = Object.fromEntries(lib.problems().map((p) => [p.dir.split('/').pop(), p.reason]));
    expect(reasons['broken-json']).toMatch(/not valid JSON/);
    expect(reasons['bad-schema']).toMatch(/format/);
    expect(reasons['renamed']).toMatch(/does not match its folder name/);
    expect(reasons['empty-folder']).toMatch(/no class.json/);
    expect(() => lib.get('renamed')).toThrow(/no reference class 'renamed'/);
    // A readable class.json with a missing image: the class is kept, marked broken, never a candidate.
    expect(reasons['no-image']).toBeUndefined();
    expect(lib.list().find((c) => c.id === 'no-image')?.broken).toEqual({ reason: "white reference image 'white.png' is missing" });
    expect((await lib.checkedCandidates({ format: 'TD3', documentCode: 'P<', issuer: 'UTO' })).broken.map((b) => b.cls.id)).toEqual(['no-image']);
  });
});

describe('classes whose images cannot be used', () => {
  it('are marked broken with the reason once checked, and checked again when their files change', async () => {
    const userDir = freshDir();
    await writeClassFolder(userDir, tinyClass('good-p'));
    const damaged = await writeClassFolder(userDir, tinyClass('damaged-p'));
    writeFileSync(join(damaged, 'ir.png'), 'not an image at all');
    const lib = openReferenceLibrary({ builtinDir: freshDir(), userDir });
    // Nothing is fatal, and the damage is only known once the images were decoded.
    expect(lib.problems()).toEqual([]);
    expect(lib.list().map((c) => [c.id, c.broken])).toEqual([['damaged-p', null], ['good-p', null]]);
    const summaries = await lib.summaries();
    expect(summaries.map((c) => [c.id, c.broken])).toEqual([['damaged-p', { reason: "ir reference image 'ir.png' is not a PNG or JPEG image" }], ['good-p', null]]);
    expect(lib.list()).toEqual(summaries);
    const candidates = await lib.checkedCandidates({ format: 'TD3', documentCode: 'P<', issuer: 'UTO' });
    expect(candidates.usable.map((c) => c.cls.id)).toEqual(['good-p']);
    expect(candidates.broken).toEqual([{ cls: lib.get('damaged-p').cls, reason: "ir reference image 'ir.png' is not a PNG or JPEG image" }]);

    // Repaired on disk: usable again without a reload. Damaged on disk: broken without a reload.
    writeFileSync(join(damaged, 'ir.png'), await tinyPng(60));
    writeFileSync(join(userDir, 'good-p', 'white.png'), (await tinyPng(90)).subarray(0, 40));
    expect((await lib.summaries()).map((c) => [c.id, c.broken?.reason ?? null])).toEqual([['damaged-p', null], ['good-p', "white reference image 'white.png' is not a PNG or JPEG image"]]);
    const after = await lib.checkedCandidates({ format: 'TD3', documentCode: 'P<', issuer: 'UTO' });
    expect(after.usable.map((c) => c.cls.id)).toEqual(['damaged-p']);
    expect(after.broken.map((c) => c.cls.id)).toEqual(['good-p']);
  });

  it('are checked against the size and dpi the class declares, and every built-in class passes', async () => {
    const userDir = freshDir();
    const dir = await writeClassFolder(userDir, tinyClass('big-p'));
    writeFileSync(join(dir, 'uv.png'), await sharp({ create: { width: 98, height: 70, channels: 3, background: '#202020' } }).png().toBuffer());
    const lib = openReferenceLibrary({ builtinDir: BUILTIN_DIR, userDir });
    const summaries = await lib.summaries();
    expect(summaries.find((c) => c.id === 'big-p')?.broken?.reason).toBe("uv reference image 'uv.png' is 98×70 px; the class is 125×88 mm at 10 dpi, so 49×35 px (±2)");
    expect(summaries.filter((c) => c.source === 'builtin').map((c) => [c.id, c.broken])).toEqual(SPECIMEN_DESIGNS.map((d) => [d.id, null]).sort());
  });
});
