import { describe, expect, it } from 'vitest';
import { decodePnm, isPnm } from '../../../native/drivers/pnm-decode';

describe('decodePnm', () => {
  it('reads a P6 with a scanimage comment line', () => {
    const raster = Buffer.from([255, 0, 0, 0, 255, 0]);
    const img = decodePnm(Buffer.concat([Buffer.from('P6\n# SANE data follows\n2 1\n255\n'), raster]));
    expect(img).toMatchObject({ width: 2, height: 1, channels: 3 });
    expect([...img.data]).toEqual([255, 0, 0, 0, 255, 0]);
  });

  it('scales 16-bit grey (P5) to 8 bits', () => {
    const img = decodePnm(Buffer.concat([Buffer.from('P5\n2 1\n65535\n'), Buffer.from([0xff, 0xff, 0x00, 0x00])]));
    expect([...img.data]).toEqual([255, 0]);
  });

  it('unpacks 1-bit P4 with 1 = black', () => {
    const img = decodePnm(Buffer.concat([Buffer.from('P4\n3 1\n'), Buffer.from([0b10100000])]));
    expect([...img.data]).toEqual([0, 255, 0]);
  });

  it('recognises PNG as not PNM and rejects it', () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(isPnm(png)).toBe(false);
    expect(() => decodePnm(png)).toThrow(/not a binary PNM/);
  });
});
