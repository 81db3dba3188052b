import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileSyncState } from '../../../electron/trends/hub-sync-state';
import { useTempDir } from '../../helpers/temp-dir';

const dir = useTempDir('loupe-sync-state-');

describe('file-backed hub sync state', () => {
  it('starts at the beginning, keeps what was saved across instances, and refuses a damaged file', async () => {
    const file = join(dir, 'hubs', 'regional.json');
    expect(await new FileSyncState(file).load()).toEqual({ cursor: 0, pushMark: null });
    await new FileSyncState(file).save({ cursor: 42, pushMark: '17' });
    expect(await new FileSyncState(file).load()).toEqual({ cursor: 42, pushMark: '17' });
    writeFileSync(file, JSON.stringify({ cursor: -1, pushMark: null }));
    await expect(new FileSyncState(file).load()).rejects.toThrow(/damaged/);
  });
});
