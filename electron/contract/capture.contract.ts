// What describes a capture, whatever its source (scanner, camera, image files, synthetic
// specimens): the lights a page is imaged under and boxes in its pixels. Pure data, shared.
import { z } from 'zod';

/** White (visible 400–700 nm), infrared (B900 band, 850–950 nm) and ultraviolet (365 nm): ICAO 9303 Part 2. */
export const LIGHTS = ['white', 'ir', 'uv'] as const;
export const LightSchema = z.enum(LIGHTS);
export type Light = z.infer<typeof LightSchema>;

/** A rectangle in the pixels of the image it belongs to: top-left corner, width and height. */
export const BoxSchema = z.object({ x: z.number(), y: z.number(), w: z.number(), h: z.number() });
export type Box = z.infer<typeof BoxSchema>;
