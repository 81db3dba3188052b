// The virtual scanner: serves the bundled specimen sets (white / IR / UV), so a fresh install
// shows a full examination without hardware. Images are the bundled files themselves (read-only
// assets, never copied).
import { z } from 'zod';
import { BaseDriver } from '../driver';
import type { DriverContext } from '../driver';
import { DeviceError } from '../protocol';
import type { Capture } from '../protocol';
import { readSpecimenIndex, specimenImages } from './specimen-index';
import type { SpecimenEntry } from './specimen-index';

const Settings = z.object({ specimen: z.string().min(1).max(100).default('cycle') }).strict();
type Settings = z.infer<typeof Settings>;

export class VirtualScannerDriver extends BaseDriver<Settings> {
  readonly id = 'virtual-scanner';
  readonly kind = 'virtual-scanner' as const;
  readonly name = 'Virtual scanner (bundled specimens)';
  readonly provides = ['images' as const];
  protected readonly settingsSchema = Settings;
  protected settings: Settings = Settings.parse({});
  private specimens: SpecimenEntry[] = [];
  private next = 0;

  constructor(ctx: DriverContext) {
    super(ctx);
  }

  async start(): Promise<void> {
    try {
      this.specimens = await readSpecimenIndex(this.ctx.specimensDir);
    } catch (error) {
      this.setState('unavailable', `The bundled specimens cannot be read (${(error as Error).message}); reinstall Loupe.`);
      return;
    }
    const chosen = this.settings.specimen;
    if (chosen !== 'cycle' && !this.specimens.some((s) => s.id === chosen)) {
      this.setState('error', `Specimen "${chosen}" is not bundled; choose another one or "cycle".`);
      return;
    }
    this.setState(this.specimens.length > 0 ? 'connected' : 'unavailable', this.specimens.length > 0 ? undefined : 'No bundled specimens.');
  }

  async stop(): Promise<void> {}

  protected async doCapture(): Promise<Capture> {
    const entry = this.pick();
    return { deviceId: this.id, images: specimenImages(this.ctx.specimensDir, entry), capturedAt: new Date().toISOString() };
  }

  private pick(): SpecimenEntry {
    const chosen = this.settings.specimen;
    const found = chosen === 'cycle' ? this.specimens[this.next++ % this.specimens.length] : this.specimens.find((s) => s.id === chosen);
    if (!found) throw new DeviceError('NotFound', `specimen ${chosen} not found`);
    return found;
  }
}
