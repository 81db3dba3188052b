// Scanners and readers behind the device bridge: their status and settings.
import { z } from 'zod';
import { Empty } from './app.channels';
import { channelTable, eventTable } from './channel';
import { DeviceStatusSchema } from './device.contract';

export const devicesChannels = channelTable({
  'devices:list': { access: 'anyone', request: Empty, response: z.array(DeviceStatusSchema) },
  'devices:configure': {
    access: 'anyone',
    request: z.object({ id: z.string().min(1).max(100), settings: z.record(z.string().max(60), z.union([z.string().max(1000), z.number(), z.boolean()])) }).strict(),
    response: DeviceStatusSchema,
  },
});

export const devicesEvents = eventTable({
  'devices:onStatus': z.array(DeviceStatusSchema),
});
