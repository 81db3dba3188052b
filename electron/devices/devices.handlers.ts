// devices:* — the scanners and readers of the device bridge: status and settings (audited).
import { defineHandlers } from '../common/handler-kit';
import { devicesChannels } from '../contract/devices.channels';
import type { DeviceBridge } from '../../native/bridge-client';

export function devicesHandlers(bridge: Pick<DeviceBridge, 'list' | 'configure'>) {
  return defineHandlers(devicesChannels, {
    'devices:list': { run: async () => bridge.list() },
    'devices:configure': {
      run: async ({ id, settings }) => bridge.configure(id, settings),
      audit: ({ id, settings }) => ({ action: 'device.configure', subject: id, details: settings }),
    },
  });
}
