// Devices as the UI sees them: discoverable drivers with a status and persisted settings.
import { z } from 'zod';

/** `pcsc`: the chip readers of the PC/SC service (eMRTD chips are read through it, not captured). */
export const DEVICE_KINDS = ['virtual-scanner', 'hot-folder', 'serial-mrz', 'sane', 'usb', 'pcsc'] as const;
export const DeviceKindSchema = z.enum(DEVICE_KINDS);
export type DeviceKind = z.infer<typeof DeviceKindSchema>;

export const DeviceStateSchema = z.enum(['connected', 'busy', 'error', 'unavailable', 'reconnecting', 'disabled']);
export type DeviceState = z.infer<typeof DeviceStateSchema>;

export const DeviceStatusSchema = z.object({
  id: z.string(),
  kind: DeviceKindSchema,
  name: z.string(),
  state: DeviceStateSchema,
  /** Plain-words reason for error / unavailable, with what to do next. */
  reason: z.string().optional(),
  /** What the device can deliver: page images, MRZ text. */
  provides: z.array(z.enum(['images', 'mrz-text'])),
  settings: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
});
export type DeviceStatus = z.infer<typeof DeviceStatusSchema>;
