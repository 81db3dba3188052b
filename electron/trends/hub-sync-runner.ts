// "Sync now" from the desktop: the same station sync as `loupe trends sync` (trend-hub-sync.ts)
// with the hub address and CA saved in the trend settings, one sync at a time, progress as events,
// and the outcome — counts, or the fault that stopped it — kept for the screen's "last sync" line.
import { X509Certificate } from 'node:crypto';
import { LoupeError } from '../common/loupe-error';
import { HubSyncResultSchema, type HubStatus, type HubSyncCounts, type HubSyncFault, type HubSyncProgress, type HubSyncResult } from '../contract/hub-sync.contract';
import type { TrendSettingsDto } from '../contract/trend-dashboard.contract';
import type { StationIdentity } from '../trust/station-identity';
import type { StationTrust } from '../trust/station-trust';
import { hubSyncFault, speaksTls } from './hub-sync-fault';
import { syncStationWithHub } from './trend-hub-sync';
import type { TrendStore } from './trend-store';

const STATUS_KEY = 'trends.hub-sync';
/** Socket inactivity after which the desktop gives up (the CLI waits longer). */
const DESKTOP_TIMEOUT_MS = 30_000;

export interface HubSyncRunnerDeps {
  store: TrendStore;
  trust: StationTrust;
  dataDir: string;
  identity(): StationIdentity;
  emit?(progress: HubSyncProgress): void;
  now?(): Date;
}

interface SavedStatus {
  last: HubSyncResult | null;
  lastSuccessAt: string | null;
}

const ZERO: HubSyncCounts = { pushed: 0, alreadyOnHub: 0, toPush: 0, pulled: 0, importedRecords: 0, importedAlerts: 0 };

/** Checks the hub fields of a settings change; a bad address or certificate is refused here. */
export function validateHubSettings(patch: Partial<TrendSettingsDto>): void {
  if (patch.hubUrl) {
    let url: URL;
    try {
      url = new URL(patch.hubUrl);
    } catch {
      throw new LoupeError('trends', 'InvalidInput', `the hub address ${patch.hubUrl} is not a web address (https://hub.example:8443)`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new LoupeError('trends', 'InvalidInput', 'the hub address starts with https:// (or http:// on a closed network)');
  }
  if (patch.hubCaPem) caInfo(patch.hubCaPem);
}

function caInfo(pem: string): NonNullable<HubStatus['ca']> {
  try {
    const cert = new X509Certificate(pem);
    return { subject: cert.subject.replace(/\n/g, ', '), validTo: new Date(cert.validTo).toISOString(), fingerprint: cert.fingerprint256 };
  } catch {
    throw new LoupeError('trends', 'InvalidInput', 'the CA file is not a certificate in PEM form (-----BEGIN CERTIFICATE-----)');
  }
}

export class HubSyncRunner {
  private running = false;

  constructor(private readonly deps: HubSyncRunnerDeps) {}

  private now(): string {
    return (this.deps.now?.() ?? new Date()).toISOString();
  }

  private saved(): SavedStatus {
    const raw = this.deps.store.db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(STATUS_KEY) as string | undefined;
    if (raw === undefined) return { last: null, lastSuccessAt: null };
    const value = JSON.parse(raw) as { last?: unknown; lastSuccessAt?: unknown };
    const last = HubSyncResultSchema.safeParse(value.last);
    return { last: last.success ? last.data : null, lastSuccessAt: typeof value.lastSuccessAt === 'string' ? value.lastSuccessAt : null };
  }

  private save(result: HubSyncResult): void {
    const status: SavedStatus = { last: result, lastSuccessAt: result.ok ? result.finishedAt : this.saved().lastSuccessAt };
    this.deps.store.db
      .prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
      .run(STATUS_KEY, JSON.stringify(status));
  }

  status(): HubStatus {
    const settings = this.deps.store.settings();
    let ca: HubStatus['ca'];
    try {
      ca = settings.hubCaPem ? caInfo(settings.hubCaPem) : null;
    } catch {
      ca = null; // saved before it was checked: shown as none, and the sync says why it stops
    }
    return { hubUrl: settings.hubUrl ?? null, ca, running: this.running, ...this.saved() };
  }

  async run(options: { adoptHubMembers: boolean; rescan?: boolean | undefined }): Promise<HubSyncResult> {
    const settings = this.deps.store.settings();
    const hub = settings.hubUrl ?? '';
    const startedAt = this.now();
    const outcome = (fault: HubSyncFault | null, detail: string | null, counts: HubSyncCounts, extra: Partial<HubSyncResult> = {}): HubSyncResult => ({
      ...counts,
      hub,
      startedAt,
      finishedAt: this.now(),
      ok: fault === null,
      fault,
      detail,
      adoptedMembers: 0,
      refusedBundles: {},
      ...extra,
    });
    // A second click while a sync runs is answered, not queued: the first one is still working.
    if (this.running) return outcome('busy', null, ZERO);
    if (!hub) return outcome('no-hub', null, ZERO);
    try {
      validateHubSettings({ hubUrl: hub, hubCaPem: settings.hubCaPem ?? null });
    } catch (e) {
      return outcome('bad-settings', (e as Error).message, ZERO);
    }

    this.running = true;
    let counts: HubSyncCounts = { ...ZERO };
    const emit = (stage: HubSyncProgress['stage']) => this.deps.emit?.({ hub, stage, ...counts });
    emit('start');
    let result: HubSyncResult;
    try {
      const report = await syncStationWithHub({
        store: this.deps.store,
        trust: this.deps.trust,
        identity: this.deps.identity(),
        dataDir: this.deps.dataDir,
        hubUrl: hub,
        adoptHubMembers: options.adoptHubMembers,
        rescan: options.rescan === true,
        client: { ...(settings.hubCaPem ? { ca: Buffer.from(settings.hubCaPem) } : {}), timeoutMs: DESKTOP_TIMEOUT_MS },
        onCounts: (stage, now) => {
          counts = now;
          emit(stage);
        },
      });
      counts = { ...counts, pushed: report.pushed, alreadyOnHub: report.alreadyOnHub, importedRecords: report.importedRecords, importedAlerts: report.importedAlerts };
      result = outcome(null, null, counts, { adoptedMembers: report.adoptedMembers, refusedBundles: report.refusedBundles, rescanned: report.rescanned });
    } catch (e) {
      let { fault, detail } = hubSyncFault(e);
      if (fault === 'unreachable' && hub.startsWith('http:') && (await speaksTls(hub))) {
        fault = 'protocol';
        detail = `${detail} (the hub answers HTTPS at this address)`;
      }
      result = outcome(fault, detail, counts);
    } finally {
      this.running = false;
    }
    emit('done');
    this.save(result);
    return result;
  }
}
