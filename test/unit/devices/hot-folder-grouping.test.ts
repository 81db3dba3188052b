import { describe, expect, it } from 'vitest';
import { groupImageSets, parseImageSetName } from '../../../native/drivers/hot-folder-grouping';
import { identifyReader } from '../../../native/drivers/usb-known-readers';

describe('hot folder file grouping', () => {
  it('parses light suffixes case-insensitively, with _vis/_nir aliases', () => {
    expect(parseImageSetName('A123_white.png')).toEqual({ base: 'A123', light: 'white' });
    expect(parseImageSetName('A123_VIS.JPG')).toEqual({ base: 'A123', light: 'white' });
    expect(parseImageSetName('A123_Nir.tif')).toEqual({ base: 'A123', light: 'ir' });
    expect(parseImageSetName('scan_2024_01_uv.jpeg')).toEqual({ base: 'scan_2024_01', light: 'uv' });
  });

  it('ignores files that are not part of an image set', () => {
    for (const name of ['notes.txt', 'A123_white.png.part', 'A123white.png', '_white.png', 'A123_ir.pdf']) expect(parseImageSetName(name)).toBeUndefined();
  });

  it('groups by base name', () => {
    const groups = groupImageSets(['b_uv.png', 'a_white.png', 'a_ir.png', 'b_white.jpg', 'readme.md']);
    expect(Object.fromEntries(groups)).toEqual({ a: { white: 'a_white.png', ir: 'a_ir.png' }, b: { white: 'b_white.jpg', uv: 'b_uv.png' } });
  });
});

describe('known USB readers', () => {
  it('matches exact product ids before vendor-wide entries', () => {
    expect(identifyReader(0x08e6, 0x3437)?.model).toMatch(/GemPC Twin/);
    expect(identifyReader(0x08e6, 0x9999)?.maker).toMatch(/Gemalto/);
    expect(identifyReader(0x1d6b, 0x0002)).toBeUndefined();
  });
});
