// Where an alert hotspot may lie, on the built-in aurora-td3 class: off the portrait, ghost image,
// MRZ, data fields and signature (an edge may slip onto them by a few pixels); a class's own
// security-feature zone is accepted as its author drew it; labels and bounds are checked too.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { featureZoneOf, personalOverlaps, referenceSizePx } from '../../../electron/contract/hotspot-privacy';
import { DocumentClassSchema } from '../../../electron/contract/reference.contract';
import { assertHotspotsAllowed } from '../../../electron/trends/hotspot-check';

const aurora = DocumentClassSchema.parse(JSON.parse(readFileSync(join(process.cwd(), 'assets', 'reference', 'aurora-td3', 'class.json'), 'utf8')));
const spot = (x: number, y: number, w: number, h: number, label = 'Fine lines') => ({ light: 'white' as const, x, y, w, h, label });

describe('hotspot privacy rule', () => {
  it('knows the size of the reference images', () => {
    expect(referenceSizePx(aurora)).toEqual({ w: 1476, h: 1039 });
  });

  it('accepts a box on the background and a box whose edge slips onto a data field', () => {
    expect(personalOverlaps(spot(1210, 140, 250, 440), aurora)).toEqual([]);
    // 5 px into the document-number field: 0.2 % of the box, 1.3 % of the field.
    expect(personalOverlaps(spot(1190, 140, 270, 440), aurora)).toEqual([]);
    expect(() => assertHotspotsAllowed(aurora, [spot(1210, 140, 250, 440), spot(1190, 140, 270, 440)])).not.toThrow();
  });

  it('refuses boxes over the portrait, over the MRZ, or around a whole personal zone', () => {
    expect(personalOverlaps(spot(100, 200, 300, 300), aurora)[0]).toMatchObject({ zoneId: 'photo', ofHotspot: 1 });
    expect(personalOverlaps(spot(60, 880, 600, 40), aurora).map((o) => o.kind)).toContain('mrz');
    // A large box holding the whole personal-number strip is refused, though it is 2 % of the box.
    const around = personalOverlaps(spot(1000, 640, 200, 80), aurora);
    expect(around.map((o) => o.zoneId)).toContain('uv-number');
    expect(() => assertHotspotsAllowed(aurora, [spot(1210, 140, 250, 440), spot(100, 200, 300, 300, 'Laminate edge')])).toThrow(
      /hotspot 2 “Laminate edge” covers the personal zone “Portrait” \(100 % of the hotspot\); hotspots must stay off the holder's portrait/,
    );
  });

  it("accepts a class's own security-feature zone as drawn, even where it crosses data fields", () => {
    const emblem = aurora.zones.find((z) => z.id === 'uv-emblem')!;
    expect(featureZoneOf({ ...emblem.box }, aurora)?.id).toBe('uv-emblem');
    expect(() => assertHotspotsAllowed(aurora, [{ light: 'uv', ...emblem.box, label: emblem.label }])).not.toThrow();
    // Moved by a few pixels it is a drawn box like any other, and it covers the surname field.
    expect(() => assertHotspotsAllowed(aurora, [{ light: 'uv', ...emblem.box, x: emblem.box.x + 10, label: emblem.label }])).toThrow(/personal zone “Surname”|personal zone “Given names”|personal zone “Nationality”/);
  });

  it('accepts boxes over the issuing state name and over part of a UV emblem: neither is holder data', () => {
    // The state name varies per document on a shared design (a `personal` header zone), but names the issuer.
    const state = aurora.zones.find((z) => z.id === 'header-state')!;
    expect(state.personal).toBe(true);
    expect(personalOverlaps(spot(180, 10, 900, 70), aurora)).toEqual([]);
    expect(personalOverlaps(spot(0, 0, 1476, 130), aurora)).toEqual([]);
    // Part of the emblem printed over the data fields, and part of the one over the portrait.
    expect(personalOverlaps(spot(700, 300, 300, 300), aurora)).toEqual([]);
    expect(personalOverlaps(spot(150, 480, 200, 200), aurora)).toEqual([]);
    expect(() => assertHotspotsAllowed(aurora, [{ ...spot(180, 10, 900, 70, 'State name font'), light: 'white' }, { ...spot(700, 300, 300, 300, 'Emblem tips'), light: 'uv' }])).not.toThrow();
  });

  it('names the holder-data zone that refuses a box, the printed one before its special-ink twin', () => {
    // The portrait and its carbon print share a box: the portrait is named.
    expect(personalOverlaps(spot(60, 150, 400, 500), aurora)[0]).toMatchObject({ zoneId: 'photo', label: 'Portrait' });
    // The document number in fluorescent ink is the holder's data too.
    expect(personalOverlaps(spot(1030, 660, 160, 45), aurora).map((o) => o.zoneId)).toContain('uv-number');
    expect(() => assertHotspotsAllowed(aurora, [spot(60, 150, 400, 500, 'Laminate')])).toThrow(/covers the personal zone “Portrait”/);
  });

  it('refuses a box outside the reference image and a label that looks like personal data', () => {
    expect(() => assertHotspotsAllowed(aurora, [spot(1300, 140, 200, 100)])).toThrow(/reaches outside the reference image \(1476 × 1039 pixels\)/);
    expect(() => assertHotspotsAllowed(aurora, [spot(1210, 140, 250, 440, 'book AB1234567')])).toThrow(/label of hotspot 1 looks like it contains personal data \(document-number-like\)/);
  });
});
