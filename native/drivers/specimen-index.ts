// Reads the bundled specimen index (assets/specimens/index.json, written by the generator).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { DeviceError } from '../protocol';
import type { CaptureImage } from '../protocol';
import { mimeOf } from '../driver';

const IndexSchema = z.object({
  specimens: z.array(
    z.object({
      id: z.string(),
      format: z.string().optional(),
      images: z.object({ white: z.string(), ir: z.string().optional(), uv: z.string().optional() }),
    }),
  ),
});
export type SpecimenEntry = z.infer<typeof IndexSchema>['specimens'][number];

export async function readSpecimenIndex(dir: string): Promise<SpecimenEntry[]> {
  let raw: string;
  try {
    raw = await readFile(join(dir, 'index.json'), 'utf8');
  } catch (error) {
    throw new DeviceError('NotFound', `no specimen index in ${dir}`, { cause: error });
  }
  const parsed = IndexSchema.safeParse(JSON.parse(raw));
  if (!parsed.success) throw new DeviceError('InvalidInput', `specimen index in ${dir} is malformed`);
  return parsed.data.specimens;
}

export function specimenImages(dir: string, entry: SpecimenEntry): CaptureImage[] {
  const { white, ir, uv } = entry.images;
  const images: CaptureImage[] = [{ light: 'white', path: join(dir, white), mime: mimeOf(white) }];
  if (ir) images.push({ light: 'ir', path: join(dir, ir), mime: mimeOf(ir) });
  if (uv) images.push({ light: 'uv', path: join(dir, uv), mime: mimeOf(uv) });
  return images;
}
