// The trust lists of stations in a test file: each data folder's station database opened once (by
// its station store, as the app does) and closed after the file's tests.
import { afterAll } from 'vitest';
import type { SignerLookup } from '../../electron/reference';
import { openStationStore, type StationStore } from '../../electron/store';
import { StationTrust } from '../../electron/trust/station-trust';
import type { TrustMember } from '../../electron/trust/trust-member';

export interface StationTrusts {
  /** The trust lists of the station whose data folder is `dataDir`. */
  of(dataDir: string): StationTrust;
  /** Trusts a key's reference packages at that station, as `loupe trust add NAME KEY --for reference` does. */
  trustSigner(dataDir: string, name: string, publicKey: string): TrustMember;
  /** What reference package import consults at that station. */
  signers(dataDir: string): SignerLookup;
}

export function useStationTrusts(): StationTrusts {
  const stores = new Map<string, { station: StationStore; trust: StationTrust }>();
  afterAll(() => {
    for (const { station } of stores.values()) station.close();
  });
  const of = (dataDir: string): StationTrust => {
    let entry = stores.get(dataDir);
    if (!entry) {
      const station = openStationStore(dataDir);
      entry = { station, trust: new StationTrust(station) };
      stores.set(dataDir, entry);
    }
    return entry.trust;
  };
  return {
    of,
    trustSigner: (dataDir, name, publicKey) => of(dataDir).add({ name, publicKey, for: 'reference', addedBy: 'test' }),
    signers: (dataDir) => (station) => of(dataDir).trusted(station, 'reference'),
  };
}
