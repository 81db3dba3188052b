// Where a station keeps its sync position with one hub: in memory (tests) or a small JSON file
// written atomically (write to a temporary file, then rename), so a crash never leaves half a state.
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { makePrivateDir, writePrivateFile } from '../common/private-files';
import type { SyncState, SyncStateStore } from './hub-sync';

const SyncStateSchema = z
  .object({ cursor: z.number().int().min(0), pushMark: z.string().max(1000).nullable(), trusted: z.array(z.string().regex(/^[0-9a-f]{16}$/)).max(100_000).optional() })
  .strict();

export class MemorySyncState implements SyncStateStore {
  private state: SyncState = { cursor: 0, pushMark: null };
  saves = 0;

  async load(): Promise<SyncState> {
    return { ...this.state };
  }

  async save(state: SyncState): Promise<void> {
    this.state = { ...state };
    this.saves++;
  }
}

export class FileSyncState implements SyncStateStore {
  constructor(private readonly file: string) {}

  async load(): Promise<SyncState> {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { cursor: 0, pushMark: null };
      throw e;
    }
    const parsed = SyncStateSchema.safeParse(JSON.parse(text));
    if (!parsed.success) throw new Error(`hub sync state ${this.file} is damaged; delete it to pull everything again`);
    return parsed.data;
  }

  async save(state: SyncState): Promise<void> {
    // Kept in the station's data folder: private like everything there.
    makePrivateDir(dirname(this.file));
    writePrivateFile(this.file, JSON.stringify(SyncStateSchema.parse(state)));
  }
}
