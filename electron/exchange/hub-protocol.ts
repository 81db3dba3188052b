// The regional hub's HTTP API as both sides see it (docs/hub.md): what a pulled page describes,
// and what a push answers. Its error answers carry the faults of electron/contract/hub.errors.ts and
// exchange.errors.ts. The hub server produces these; the station's sync
// client (trends/hub-client.ts) reads them.

/** One stored bundle in the hub's feed. */
export interface BundleDescriptor {
  seq: number;
  sha256: string;
  signer: string;
  receivedAt: string;
  records: number;
  alerts: number;
  size: number;
}

/** What the hub did with a pushed bundle. */
export interface IngestOutcome {
  status: 'stored' | 'already-have';
  seq: number;
  records: { added: number; duplicates: number };
  alerts: { added: number; duplicates: number };
}

export type IngestResult = IngestOutcome & { sha256: string; signer: string };

/** A page of the hub's feed. */
export interface BundlePage {
  bundles: BundleDescriptor[];
  next: number;
  more: boolean;
}

/** A member of the hub's trust list, as its members endpoint lists it. */
export interface HubMember {
  station: string;
  publicKey: string;
  name: string;
}
