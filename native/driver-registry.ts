// The drivers the bridge loads, in the order the status bar shows them. The virtual scanner comes
// first: it is the default device on a fresh install.
import type { Driver, DriverContext } from './driver';
import { DebugSlowDriver } from './drivers/debug-slow.driver';
import { HotFolderDriver } from './drivers/hot-folder.driver';
import { PcscDriver } from './drivers/pcsc.driver';
import { SaneDriver } from './drivers/sane.driver';
import { SerialMrzDriver } from './drivers/serial-mrz.driver';
import { UsbDriver } from './drivers/usb.driver';
import { VirtualScannerDriver } from './drivers/virtual-scanner.driver';

export const DEBUG_DRIVERS_ENV = 'LOUPE_BRIDGE_DEBUG_DRIVERS';

export function createDrivers(ctx: DriverContext, env: NodeJS.ProcessEnv = process.env): Driver[] {
  const drivers: Driver[] = [
    new VirtualScannerDriver(ctx),
    new HotFolderDriver(ctx),
    new SerialMrzDriver(ctx),
    new SaneDriver(ctx),
    new UsbDriver(ctx),
    new PcscDriver(ctx),
  ];
  if (env[DEBUG_DRIVERS_ENV] === '1') drivers.push(new DebugSlowDriver(ctx));
  return drivers;
}
