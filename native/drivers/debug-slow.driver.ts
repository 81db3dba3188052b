// A deliberately slow scanner, registered only when LOUPE_BRIDGE_DEBUG_DRIVERS=1, so crash and
// restart behaviour can be exercised with a capture really in flight.
import { z } from 'zod';
import { BaseDriver } from '../driver';
import type { Capture } from '../protocol';
import { readSpecimenIndex, specimenImages } from './specimen-index';

const Settings = z.object({ delayMs: z.number().int().min(0).max(600_000).default(30_000) }).strict();
type Settings = z.infer<typeof Settings>;

export class DebugSlowDriver extends BaseDriver<Settings> {
  readonly id = 'debug-slow';
  readonly kind = 'virtual-scanner' as const;
  readonly name = 'Debug slow scanner';
  readonly provides = ['images' as const];
  protected readonly settingsSchema = Settings;
  protected settings: Settings = Settings.parse({});
  private timers = new Set<NodeJS.Timeout>();

  async start(): Promise<void> {
    this.setState('connected');
  }

  async stop(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  protected async doCapture(): Promise<Capture> {
    await new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        this.timers.delete(t);
        resolve();
      }, this.settings.delayMs);
      this.timers.add(t);
    });
    const [first] = await readSpecimenIndex(this.ctx.specimensDir);
    return { deviceId: this.id, images: first ? specimenImages(this.ctx.specimensDir, first) : [], capturedAt: new Date().toISOString() };
  }
}
