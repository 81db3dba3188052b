// `loupe audit verify` and `loupe audit export` through the real entry point: the station's own log
// (exit 0 intact, 1 broken), a signed export verified at a desk with no station data, and hostile
// export files refused as bad input (exit 2).
import { readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AuditTrail } from '../../../electron/audit/audit-trail';
import type { AuditResult } from '../../../electron/cli/commands/audit.command';
import { openStationStore } from '../../../electron/store';
import { loadOrCreateStationKey, type StationKey } from '../../../electron/trust/station-key';
import { swapEntries, tamper } from '../../helpers/audit-tamper';
import { loupeInProcess } from '../../helpers/loupe-in-process';
import { useTempDir } from '../../helpers/temp-dir';

const dir = useTempDir('loupe-audit-cli-');
let counter = 0;
afterEach(() => vi.useRealTimers());

/** A station with entries written one a day from 2026-03-01 (ids 1..n), a checkpoint signed after them. */
function station(n = 5): { data: string; key: StationKey } {
  const data = join(dir, `station-${counter++}`);
  vi.useFakeTimers({ toFake: ['Date'] });
  const store = openStationStore(data);
  const key = loadOrCreateStationKey(data);
  for (let i = 1; i <= n; i++) {
    vi.setSystemTime(new Date(Date.UTC(2026, 2, i, 9)));
    store.audit({ officer: null, action: `test.day${i}`, details: { i } });
  }
  new AuditTrail(store, key).checkpoint();
  store.close();
  vi.useRealTimers();
  return { data, key };
}

async function audit(...args: string[]) {
  const run = await loupeInProcess('audit', ...args);
  return { ...run, result: run.code !== 2 && run.stdout.startsWith('{') ? (JSON.parse(run.stdout) as AuditResult) : null };
}

const exportOf = (): string => join(dir, `export-${counter++}.jsonl`);

describe("loupe audit verify (the station's own log)", () => {
  it('exits 0 when intact and 1 naming the first broken entry once a row was edited', async () => {
    const { data } = station();
    const ok = await audit('verify', '--data', data, '--json');
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.result).toMatchObject({ action: 'verify', source: 'station', verification: { intact: true, entries: 5, checkpoints: 1 } });
    expect((await audit('verify', '--data', data)).stdout).toMatch(/^this station's audit log\naudit trail intact\n5 entries \(1 to 5\)/);

    tamper(data, (db) => swapEntries(db, 2, 4));
    const broken = await audit('verify', '--data', data, '--json');
    expect(broken.code).toBe(1);
    expect(broken.result).toMatchObject({ verification: { intact: false, break: { kind: 'reordered', entryId: 2 } } });
    const text = await audit('verify', '--data', data);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/audit trail BROKEN at entry 2 \(reordered\)/);
  });

  it('refuses bad usage with exit 2', async () => {
    const { data } = station(1);
    expect((await audit('verify', '--data', data, '--key', 'abc')).code).toBe(2);
    expect((await audit('verify', '--data', data, '--since', '2026-01-01')).code).toBe(2);
    expect((await audit('check')).code).toBe(2);
    const badDate = await audit('export', '--since', '2026-02-30', '--out', join(dir, 'x.jsonl'), '--data', data);
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toMatch(/--since takes a date/);
    expect((await audit('export', '--since', '2026-02-01', '--data', data)).code).toBe(2);
    expect((await audit('export', '--since', '2026-02-01', '--out', join(dir, 'no-such-folder', 'x.jsonl'), '--data', data)).code).toBe(2);
  });
});

describe('loupe audit export, verified at a desk with no station data', () => {
  it('exports the entries since a date with the hash of the one before, and the desk verifies it', async () => {
    const { data, key } = station(5);
    const out = exportOf();
    const made = await audit('export', '--since', '2026-03-03', '--out', out, '--data', data, '--json');
    expect(made.code, made.stderr).toBe(0);
    expect(made.result).toMatchObject({ action: 'export', entries: 3, firstEntryId: 3, since: '2026-03-03T00:00:00.000Z' });
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
    const header = JSON.parse(lines[0]!);
    expect(header).toMatchObject({ format: 'loupe.audit-export/1', station: key.station, publicKey: key.publicKey, previous: { entryId: 2 }, entries: 3 });
    // The checkpoint at the station's start and the one signed for the export both cover its entries.
    expect(header.checkpoints).toBe(2);
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ format: 'loupe.audit-export-signature/1', algorithm: 'ed25519', publicKey: key.publicKey });
    // The export itself is in the station's log, after the file was made.
    const store = openStationStore(data);
    expect(store.auditLog(1)[0]).toMatchObject({ action: 'audit.export', details: { since: '2026-03-03T00:00:00.000Z', entries: 3 } });
    store.close();

    const desk = await audit('verify', out, '--json');
    expect(desk.code, desk.stderr).toBe(0);
    expect(desk.result).toMatchObject({ source: 'file', station: key.station, verification: { intact: true, entries: 3, firstEntryId: 3, head: { entryId: 5 }, checkpoints: 2 } });
    expect((await audit('verify', out, '--key', key.publicKey)).code).toBe(0);
    const pemFile = join(dir, `station-${counter++}.pub`);
    writeFileSync(pemFile, key.publicKeyPem);
    const human = await audit('verify', out, '--key', pemFile);
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toMatch(new RegExp(`signed by station ${key.station} .*\\naudit trail intact\\n3 entries \\(3 to 5\\)`));
  });

  it("exits 1 for a faithful export of a station whose log was tampered with, naming the entry", async () => {
    const { data } = station(4);
    tamper(data, (db) => db.prepare("UPDATE audit_log SET action = 'nothing.happened' WHERE id = 3").run());
    const out = exportOf();
    const made = await audit('export', '--since', '2026-03-01', '--out', out, '--data', data);
    expect(made.code).toBe(1);
    expect(made.stdout).toMatch(/note: audit trail BROKEN at entry 3 \(edited\)/);
    const desk = await audit('verify', out, '--json');
    expect(desk.code).toBe(1);
    expect(desk.result).toMatchObject({ verification: { intact: false, break: { kind: 'edited', entryId: 3 } } });
  });

  describe('hostile files are refused with exit 2 and a plain reason', () => {
    const { data, key } = station(4);
    const good = join(dir, 'good.jsonl');
    const other = loadOrCreateStationKey(join(dir, 'other-station'));
    let bytes: Buffer;
    const write = (name: string, content: Buffer | string) => {
      const file = join(dir, name);
      writeFileSync(file, content);
      return file;
    };
    const resign = (body: string, signer: StationKey) =>
      `${body}${JSON.stringify({ format: 'loupe.audit-export-signature/1', algorithm: 'ed25519', publicKey: signer.publicKey, signature: signer.sign(Buffer.from(body)).toString('base64') })}\n`;

    it('makes the export the hostile files are made from', async () => {
      expect((await audit('export', '--since', '2026-03-01', '--out', good, '--data', data)).code).toBe(0);
      bytes = readFileSync(good);
    });

    const refused = async (file: string, reason: RegExp, ...extra: string[]) => {
      const run = await audit('verify', file, ...extra);
      expect(run.code, run.stdout).toBe(2);
      expect(run.stderr).toMatch(reason);
      expect(run.stderr).not.toMatch(/internal error/);
    };

    it('an entry edited in the file', async () => {
      await refused(write('edited.jsonl', bytes.toString('utf8').replace('test.day2', 'test.dayX')), /bad signature: the file was altered/);
    });
    it('a truncated file', async () => {
      await refused(write('truncated.jsonl', bytes.subarray(0, bytes.length - 30)), /incomplete \(a truncated file\?\)/);
      const lines = bytes.toString('utf8').split('\n');
      await refused(write('cut-lines.jsonl', `${[...lines.slice(0, 2), lines.at(-2)].join('\n')}\n`), /bad signature/);
    });
    it('lines reordered', async () => {
      const lines = bytes.toString('utf8').trimEnd().split('\n');
      [lines[1], lines[2]] = [lines[2]!, lines[1]!];
      await refused(write('reordered.jsonl', `${lines.join('\n')}\n`), /bad signature/);
    });
    it('an oversized file', async () => {
      const file = write('huge.jsonl', bytes);
      truncateSync(file, 300 * 1024 * 1024);
      await refused(file, /too large/);
    });
    it('bad base64 in the signature', async () => {
      const lines = bytes.toString('utf8').trimEnd().split('\n');
      const sig = JSON.parse(lines.at(-1)!) as { signature: string };
      // The last character before '==' carries 2 bits of the signature and 4 padding bits: with a
      // padding bit set, a lenient decoder still reads the signed bytes, the strict one refuses it.
      const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
      const padded = ALPHABET[ALPHABET.indexOf(sig.signature.at(-3)!) ^ 1]!;
      const altered = `${sig.signature.slice(0, -3)}${padded}==`;
      expect(Buffer.from(altered, 'base64')).toEqual(Buffer.from(sig.signature, 'base64'));
      lines[lines.length - 1] = JSON.stringify({ ...sig, signature: altered });
      await refused(write('bad-base64.jsonl', `${lines.join('\n')}\n`), /not 64 bytes of canonical base64/);
      lines[lines.length - 1] = JSON.stringify({ ...sig, signature: `${sig.signature.slice(0, -2)}*=` });
      await refused(write('bad-char.jsonl', `${lines.join('\n')}\n`), /not 64 bytes of canonical base64/);
    });
    it('a file signed by another key than the station key it names, or than the key the desk expects', async () => {
      const body = bytes.subarray(0, bytes.lastIndexOf(0x0a, bytes.length - 2) + 1).toString('utf8');
      await refused(write('resigned.jsonl', resign(body.replace('test.day2', 'test.dayX'), other)), /signed by another key than the station key it names/);
      // Made whole by the other key (its own header): verifies on its own, refused where the station's key is expected.
      const forged = body.replace(key.publicKey, other.publicKey).replace(key.station, other.station);
      const file = write('forged.jsonl', resign(forged, other));
      await refused(file, /not by the key given/, '--key', key.publicKey);
      expect((await audit('verify', file, '--key', 'not-a-key')).code).toBe(2);
    });
    it('not an export at all', async () => {
      await refused(write('empty-line.jsonl', '\n'), /no signature line|not valid JSON/);
      await refused(write('text.jsonl', 'hello\nworld\n'), /not valid JSON/);
      expect((await audit('verify', join(dir, 'missing.jsonl'))).code).toBe(2);
    });
  });
});
