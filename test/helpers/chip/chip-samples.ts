// The real chip files of /work/shared/chip-samples (see its README): read as given, never altered.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const CHIP_SAMPLES = process.env.LOUPE_CHIP_SAMPLES ?? '/work/shared/chip-samples';

export function bsi2008(name: 'EF_COM' | 'EF_SOD' | 'Datagroup1' | 'Datagroup2' | 'Datagroup3' | 'Datagroup4' | 'Datagroup14' | 'Datagroup15'): Uint8Array {
  return new Uint8Array(readFileSync(join(CHIP_SAMPLES, 'bsi2008', `${name}.bin`)));
}

export function icaoDg14Example(): Uint8Array {
  return new Uint8Array(readFileSync(join(CHIP_SAMPLES, 'icao-9303-dg14-example.bin')));
}
