// USB discovery: enumerates attached devices, recognises known document / chip readers, and
// watches hotplug. It identifies readers, it does not capture: each reader is driven by its own
// driver. On machines without a USB subsystem (containers, some VMs) `usb` rejects with
// "/sys/bus/usb/devices/ not found"; the driver then reports unavailable. Hotplug listeners are
// attached only after a successful enumeration: attaching them there makes `usb` poll and reject
// in the background, which would abort the bridge process.
import { z } from 'zod';
import { BaseDriver } from '../driver';
import { DeviceError } from '../protocol';
import type { Capture } from '../protocol';
import { hex4, identifyReader } from './usb-known-readers';

const Settings = z.object({}).strict();
type Settings = z.infer<typeof Settings>;

interface UsbDeviceLike {
  vendorId: number;
  productId: number;
  productName?: string | null;
}
interface WebUsbLike {
  getDevices(): Promise<UsbDeviceLike[]>;
  addEventListener(type: 'connect' | 'disconnect', listener: () => void): void;
  removeEventListener(type: 'connect' | 'disconnect', listener: () => void): void;
}

export class UsbDriver extends BaseDriver<Settings> {
  readonly id = 'usb';
  readonly kind = 'usb' as const;
  readonly name = 'USB document readers';
  readonly provides: ('images' | 'mrz-text')[] = [];
  protected readonly settingsSchema = Settings;
  protected settings: Settings = {};
  private webusb: WebUsbLike | undefined;
  private readonly onHotplug = (): void => void this.refresh();

  async start(): Promise<void> {
    let webusb: WebUsbLike;
    try {
      const mod = (await import('usb')) as unknown as { WebUSB: new (o: { allowAllDevices: boolean }) => WebUsbLike };
      webusb = new mod.WebUSB({ allowAllDevices: true });
    } catch (error) {
      this.setState('unavailable', `USB support could not load (${(error as Error).message}).`);
      return;
    }
    if (!(await this.refresh(webusb))) return;
    this.webusb = webusb;
    webusb.addEventListener('connect', this.onHotplug);
    webusb.addEventListener('disconnect', this.onHotplug);
  }

  async stop(): Promise<void> {
    this.webusb?.removeEventListener('connect', this.onHotplug);
    this.webusb?.removeEventListener('disconnect', this.onHotplug);
    this.webusb = undefined;
  }

  protected async doCapture(): Promise<Capture> {
    throw new DeviceError('DeviceUnavailable', 'USB discovery identifies readers; capture with the reader itself.');
  }

  private async refresh(webusb = this.webusb): Promise<boolean> {
    if (!webusb) return false;
    let devices: UsbDeviceLike[];
    try {
      devices = await webusb.getDevices();
    } catch (error) {
      const message = (error as Error).message;
      this.setState('unavailable', /not found|ENOENT|errno 2/i.test(message) ? 'no USB subsystem on this machine' : `USB enumeration failed: ${message}`);
      return false;
    }
    const readers = devices
      .map((d) => ({ d, known: identifyReader(d.vendorId, d.productId) }))
      .filter((x) => x.known)
      .map(({ d, known }) => `${known?.maker} ${d.productName ?? known?.model} (${hex4(d.vendorId)}:${hex4(d.productId)})`);
    if (readers.length === 0) this.setState('unavailable', `No known document reader is plugged in (${devices.length} USB devices seen).`);
    else this.setState('connected', `Found: ${readers.join(', ')}`);
    return true;
  }
}
