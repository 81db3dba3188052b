// The proofs of origin a station received (migration 0005, electron/exchange/origin-proof.ts): kept
// so that the items they cover can be forwarded unchanged, each with its origin's signature.
import type Database from 'better-sqlite3';
import type { OriginProof } from '../exchange/origin-proof';

export class OriginProofStore {
  private readonly insert;
  private readonly idOf;
  private readonly byId;

  constructor(db: Database.Database) {
    this.insert = db.prepare('INSERT INTO trend_origin_proofs (station, ids, signature) VALUES (?, ?, ?) ON CONFLICT (signature) DO NOTHING');
    this.idOf = db.prepare('SELECT id FROM trend_origin_proofs WHERE signature = ?').pluck();
    this.byId = db.prepare('SELECT station, ids, signature FROM trend_origin_proofs WHERE id = ?');
  }

  /** Stores a verified proof once; returns its id. */
  save(proof: OriginProof): number {
    const signature = Buffer.from(proof.signature);
    const info = this.insert.run(proof.station, Buffer.from(proof.ids), signature);
    return info.changes === 1 ? Number(info.lastInsertRowid) : (this.idOf.get(signature) as number);
  }

  load(id: number): OriginProof {
    const row = this.byId.get(id) as { station: string; ids: Buffer; signature: Buffer } | undefined;
    if (!row) throw new Error(`no proof of origin ${id}`);
    return { station: row.station, ids: row.ids, signature: row.signature };
  }
}
