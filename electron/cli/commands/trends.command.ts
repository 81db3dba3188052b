// `loupe trends`: exchange of non-personal fraud trends on removable media — export a signed
// bundle, import one (added / skipped / refused with reasons), this station's identity and trend
// settings. Whose bundles are accepted: `loupe trust ... --for trends` (trust.command.ts).
import { writeFileSync } from 'node:fs';
import { BundleError } from '../../exchange/bundle-error';
import { effectiveScope } from '../../contract/alert-scope';
import { LoupeError, assertNever } from '../../common/loupe-error';
import { defaultDataDir } from '../../common/data-dir';
import type { ImportReport } from '../../contract/trend-dashboard.contract';
import { IsoWeekSchema, type ExpertAlert } from '../../contract/trends.contract';
import { BUNDLE_LIMITS } from '../../exchange/bundle-codec';
import { loadOrCreateStationKey } from '../../trust/station-key';
import { exportTrendBundle, importTrendBundle } from '../../trends/trend-exchange.service';
import type { TrendSettings } from '../../trends/trend-settings';
import { syncStationWithHub, type StationSyncReport } from '../../trends/trend-hub-sync';
import { validateHubSettings } from '../../trends/hub-sync-runner';
import { openStationStore } from '../../store';
import { TrendStore } from '../../trends/trend-store';
import { StationTrust } from '../../trust/station-trust';
import { textOption, required, type Command } from '../../common/command-line/command';
import { dataFolder, outputFile, readCertificateFile, readInputFile } from '../../common/command-line/input-files';
import { correctOptions, correctRecord, correctionText, correctUsage, type CorrectionResult } from './trends-correct';
import { isoWeekOf } from '../../trends/iso-week';

export type TrendsResult =
  | { action: 'export'; file: string; bytes: number; records: number; alerts: number; coarsened: number; suppressed: number; withoutProof: number; scope: string; k: number | null }
  | ({ action: 'import'; file: string } & ImportReport)
  | { action: 'identity'; station: string; publicKey: string }
  | { action: 'settings'; settings: TrendSettings }
  | { action: 'alerts'; alerts: Pick<ExpertAlert, 'id' | 'documentClassId' | 'fraudType' | 'title' | 'week' | 'validUntilWeek'>[] }
  | ({ action: 'sync'; hub: string } & StationSyncReport)
  | CorrectionResult;

export const trendsCommand: Command<TrendsResult> = {
  name: 'trends',
  summary: 'fraud trends: export/import signed bundles, sync with the hub, settings, corrections',
  usage: [
    'usage: loupe trends export --since 2026-W01 --out FILE [--scope national|international] [--k 3]',
    '       loupe trends import FILE [--json]',
    "       loupe trends identity                    (this station's id and public key, for partners' trust lists)",
    '       loupe trends settings [--country SRB] [--poe RS-BATROVCI] [--line first|second] [--direction entry|exit|none] [--k 3]',
    '       loupe trends alerts                      (expert alerts shown now: not replaced, withdrawn or expired)',
    '       loupe trends sync [--hub URL] [--ca CA.pem] [--scope national|international] [--adopt-hub-members] [--rescan]',
    '                                                (without --hub: the hub saved with --hub-url / in the Trends screen)',
    '       loupe trends settings --hub-url URL|none [--hub-ca CA.pem|none]',
    ...correctUsage,
    '',
    'Whose bundles this station accepts: loupe trust list|add|remove --for trends.',
    'The data dir defaults to $LOUPE_DATA_DIR or ~/.local/share/loupe (--data DIR).',
  ].join('\n'),
  options: {
    data: { type: 'string' },
    since: { type: 'string' },
    out: { type: 'string', short: 'o' },
    scope: { type: 'string' },
    k: { type: 'string' },
    country: { type: 'string' },
    poe: { type: 'string' },
    line: { type: 'string' },
    direction: { type: 'string' },
    hub: { type: 'string' },
    ca: { type: 'string' },
    'hub-url': { type: 'string' },
    'hub-ca': { type: 'string' },
    'adopt-hub-members': { type: 'boolean' },
    rescan: { type: 'boolean' },
    ...correctOptions,
  },
  async run(args) {
    const dataDir = dataFolder(textOption(args, 'data') ?? defaultDataDir(), 'data folder (--data)');
    const [action, a1] = args.positionals;
    // Files named on the command line are checked before the trend store is opened; a bundle's
    // size before it is read (a removable medium may hold anything).
    const bundleFile = action === 'import' ? required(a1, 'usage: loupe trends import FILE') : undefined;
    const bundle = bundleFile !== undefined ? readInputFile(bundleFile, 'bundle', BUNDLE_LIMITS.maxFileBytes) : undefined;
    const outFile = action === 'export' ? outputFile(required(textOption(args, 'out'), '--out FILE is required'), 'bundle (--out)') : undefined;
    const hubCa = textOption(args, 'hub-ca');
    const hubCaPem = action === 'settings' && hubCa !== undefined && hubCa !== 'none' ? readCertificateFile(hubCa, 'CA certificate (--hub-ca)').toString('utf8') : undefined;
    const ca = textOption(args, 'ca');
    const caPem = action === 'sync' && ca !== undefined ? readCertificateFile(ca, 'CA certificate (--ca)') : undefined;
    // The trend tables live in the station database, opened (and migrated) by its one store.
    const station = openStationStore(dataDir);
    const store = new TrendStore(station);
    const trust = new StationTrust(station);
    try {
      switch (action) {
        case 'export': {
          const out = outFile!;
          const since = textOption(args, 'since') ?? null;
          if (since !== null && !IsoWeekSchema.safeParse(since).success) throw new LoupeError('common', 'InvalidInput', `--since takes an ISO week such as 2026-W01, not '${since}'`);
          const scope = textOption(args, 'scope') ?? 'national';
          if (scope !== 'national' && scope !== 'international') throw new LoupeError('common', 'InvalidInput', '--scope is national or international');
          const kText = textOption(args, 'k');
          const k = kText === undefined ? null : Number(kText);
          if (k !== null && (!Number.isInteger(k) || k < 2 || k > 100)) throw new LoupeError('common', 'InvalidInput', '--k is a whole number from 2 to 100');
          if (k !== null && scope !== 'international') throw new LoupeError('common', 'InvalidInput', '--k applies to --scope international');
          const result = exportTrendBundle(store, loadOrCreateStationKey(dataDir), { since, scope, k });
          writeFileSync(out, result.bundle);
          return { action, file: out, bytes: result.bundle.length, records: result.records, alerts: result.alerts, coarsened: result.coarsened, suppressed: result.suppressed, withoutProof: result.withoutProof, scope, k: scope === 'international' ? (k ?? store.settings().k) : null };
        }
        case 'import': {
          const file = bundleFile!;
          const report = importTrendBundle(store, bundle!, { trust: trust.lookup('trends'), self: loadOrCreateStationKey(dataDir) });
          // On a terminal a refused bundle is a failure (exit code 2) with its first reason; with
          // --json the whole report is printed, applied: false, for scripts to read every reason.
          if (report.error && args.values.json !== true) {
            const first = report.conflicts[0] ? `; conflict at line ${report.conflicts[0].line}: ${report.conflicts[0].reason}` : report.refused[0] ? `; line ${report.refused[0].line}: ${report.refused[0].reason}` : '';
            throw new BundleError(report.error.fault, `bundle not imported (${report.error.fault}): ${report.error.message}${first}; nothing was changed`);
          }
          return { action, file, ...report };
        }
        case 'identity': {
          const id = loadOrCreateStationKey(dataDir);
          return { action, station: id.station, publicKey: id.publicKey };
        }
        case 'settings': {
          const patch: Partial<TrendSettings> = {};
          const country = textOption(args, 'country');
          const poe = textOption(args, 'poe');
          const line = textOption(args, 'line');
          const direction = textOption(args, 'direction');
          const k = textOption(args, 'k');
          if (country) patch.country = country.toUpperCase();
          if (poe) patch.pointOfEntry = poe.toUpperCase();
          if (line) patch.line = line as TrendSettings['line'];
          if (direction) patch.direction = direction === 'none' ? null : (direction as 'entry' | 'exit');
          if (k) patch.k = Number(k);
          const hubUrl = textOption(args, 'hub-url');
          if (hubUrl) patch.hubUrl = hubUrl === 'none' ? null : hubUrl;
          if (hubCa) patch.hubCaPem = hubCa === 'none' ? null : hubCaPem!;
          if (patch.hubUrl || patch.hubCaPem) validateHubSettings(patch);
          return { action, settings: Object.keys(patch).length ? store.saveSettings(patch) : store.settings() };
        }
        case 'alerts': {
          return {
            action,
            alerts: store.currentAlerts(isoWeekOf(new Date()), { limit: 500 }).map((a) => ({ id: a.id, documentClassId: a.documentClassId, fraudType: a.fraudType, title: a.title, week: a.week, validUntilWeek: a.validUntilWeek, scope: effectiveScope(a) })),
          };
        }
        case 'sync': {
          const saved = store.settings();
          const hub = required(textOption(args, 'hub') ?? saved.hubUrl ?? undefined, '--hub URL is required (the regional hub, e.g. https://hub.example:8443), or save one with loupe trends settings --hub-url URL');
          const scope = textOption(args, 'scope') ?? 'national';
          if (scope !== 'national' && scope !== 'international') throw new LoupeError('common', 'InvalidInput', '--scope is national or international');
          try {
            const report = await syncStationWithHub({
              store,
              trust,
              identity: loadOrCreateStationKey(dataDir),
              dataDir,
              hubUrl: hub,
              scope,
              adoptHubMembers: args.values['adopt-hub-members'] === true,
              rescan: args.values.rescan === true,
              ...(caPem ? { client: { ca: caPem } } : !textOption(args, 'hub') && saved.hubCaPem ? { client: { ca: Buffer.from(saved.hubCaPem) } } : {}),
              onProgress: (message) => process.stderr.write(`${message}\n`),
            });
            return { action, hub, ...report };
          } catch (e) {
            if (e instanceof LoupeError) throw e;
            throw new LoupeError('trends', 'HubSyncFailed', `sync with ${hub} stopped: ${(e as Error).message}; what was done is kept, run the sync again to resume`);
          }
        }
        case 'correct':
          return correctRecord(station, store, dataDir, a1, args);
        default:
          if (action === 'trust') throw new LoupeError('common', 'InvalidInput', 'the trust list has its own command: loupe trust list|add|remove --for trends');
          throw new LoupeError('common', 'InvalidInput', action ? `unknown action '${action}' (export, import, identity, settings, alerts, sync, correct)` : 'give an action: export, import, identity, settings, alerts, sync, correct');
      }
    } finally {
      station.close();
    }
  },
  human(result) {
    switch (result.action) {
      case 'export':
        return `wrote ${result.file} (${result.records} records, ${result.alerts} alerts, ${Math.ceil(result.bytes / 1024)} KiB, ${result.scope}${result.k !== null ? `, k = ${result.k}: ${result.coarsened} coarsened, ${result.suppressed} suppressed` : ''})${result.withoutProof > 0 ? `; ${result.withoutProof} items of other stations left out: received before proofs of origin existed, they cannot be forwarded` : ''}`;
      case 'import': {
        if (result.error) {
          const lines = [...result.refused.map((r) => `  refused line ${r.line}: ${r.reason}`), ...result.conflicts.map((c) => `  conflict line ${c.line}: ${c.id.slice(0, 12)}… ${c.reason}`)];
          return [`not imported (${result.error.fault}): ${result.error.message}; nothing was changed`, ...lines].join('\n');
        }
        return `imported from station ${result.signer}: ${result.addedRecords} records and ${result.addedAlerts} alerts added, ${result.skipped} already held (skipped), 0 refused`;
      }
      case 'identity':
        return `station ${result.station}\npublic key ${result.publicKey}`;
      case 'settings':
        return Object.entries(result.settings).map(([k, v]) => `${k.padEnd(14)} ${k === 'hubCaPem' ? (v ? '(CA certificate set)' : '-') : (v ?? '-')}`).join('\n');
      case 'alerts':
        return result.alerts.map((a) => `${a.week}  ${a.documentClassId.padEnd(24)} ${a.fraudType.padEnd(28)} ${a.title}`).join('\n') || 'no expert alerts';
      case 'sync': {
        const refused = Object.entries(result.refusedBundles).map(([fault, n]) => `${n} ${fault}`).join(', ');
        return [
          `synced with ${result.hub}: pushed ${result.pushed} bundle(s)${result.alreadyOnHub ? `, ${result.alreadyOnHub} already on the hub` : ''}`,
          `pulled ${result.pulled} bundle(s): ${result.importedRecords} records and ${result.importedAlerts} alerts added${refused ? `; refused: ${refused} (see loupe trust list --for trends)` : ''}`,
          `${result.adoptedMembers ? `${result.adoptedMembers} hub member(s) added to the trust list; ` : ''}${result.rescanned ? 'pulled from the first hub bundle again (the trusted stations changed, or --rescan); ' : ''}hub position ${result.cursor}`,
        ].join('\n');
      }
      case 'correct':
        return correctionText(result);
      default:
        return assertNever(result, 'trends result');
    }
  },
};
