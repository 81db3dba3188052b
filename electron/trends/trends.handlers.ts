// trends:* — non-personal fraud trends at the station (docs/trends.md): what changes the station's
// records, alerts or settings is audited under the officer who did it. The trust list of network
// members is the trust domain's (trust/trust.handlers.ts).
import { defineHandlers } from '../common/handler-kit';
import { trendsChannels } from '../contract/trends.channels';
import type { TrendStore } from './trend-store';
import type { TrendsService } from './trends.service';

export function trendsHandlers(trends: TrendsService, trendStore: TrendStore) {
  return defineHandlers(trendsChannels, {
    'trends:propose': { run: async ({ examinationId }) => trends.propose(examinationId) },
    'trends:previewCrops': { run: async ({ examinationId, zoneIds, hotspots }) => trends.previewCrops(examinationId, zoneIds, hotspots) },
    'trends:record': {
      run: async (request) => trends.record(request),
      audit: (request, record) => ({ action: 'trends.record', subject: request.examinationId, details: { record: record.id, fraudType: record.fraudType } }),
    },
    'trends:dashboard': { run: async (filter) => trends.dashboard(filter) },
    'trends:records': { run: async ({ filter, limit, offset }) => trends.records(filter, limit, offset) },
    'trends:csv': { run: async (filter) => trends.csv(filter) },
    'trends:export': {
      run: async (request) => {
        const { bundle, fileName, records, alerts, coarsened, suppressed, withoutProof } = trends.exportBundle(request);
        return { fileName, base64: bundle.toString('base64'), records, alerts, coarsened, suppressed, withoutProof };
      },
      audit: ({ scope }, { records, alerts, coarsened, suppressed, withoutProof }) => ({ action: 'trends.export', details: { scope, records, alerts, coarsened, suppressed, withoutProof } }),
    },
    'trends:import': {
      run: async ({ base64 }) => trends.importBundle(Buffer.from(base64, 'base64')),
      audit: (_request, report) => ({
        action: 'trends.import',
        details: { applied: report.applied, signer: report.signer, added: report.addedRecords + report.addedAlerts, fault: report.error?.fault ?? null },
      }),
    },
    'trends:settings': { run: async () => trendStore.settings() },
    'trends:saveSettings': {
      run: async (patch) => trends.saveSettings(patch),
      audit: (_patch, saved) => ({ action: 'trends.settings', details: { ...saved, hubCaPem: saved.hubCaPem ? 'set' : null } }),
    },
    'trends:publishAlert': {
      run: async (request) => trends.publishAlert(request),
      audit: (_request, alert) => ({ action: 'trends.publishAlert', subject: alert.documentClassId, details: { alert: alert.id } }),
    },
    'trends:alertsForClass': { run: async ({ classId }) => trends.alertsForClass(classId) },
    'trends:alertsForExamination': { run: async ({ examinationId }) => trends.alertsForExamination(examinationId) },
    'trends:identity': {
      run: async () => {
        const id = trends.identity();
        return { station: id.station, publicKey: id.publicKey };
      },
    },
    'trends:recordRows': { run: async (request) => trends.recordRows(request) },
    'trends:recordRow': { run: async ({ id }) => trends.recordRow(id) },
    'trends:correct': {
      run: async (request) => trends.correct(request),
      audit: (request, record) => ({ action: 'trends.correct', subject: request.id, details: { record: record.id, fraudType: record.fraudType } }),
    },
    'trends:hubSync': {
      run: async (request) => trends.hubSync(request),
      audit: (_request, r) => ({ action: 'trends.hubSync', details: { hub: r.hub, ok: r.ok, fault: r.fault, pushed: r.pushed, pulled: r.pulled, importedRecords: r.importedRecords } }),
    },
    'trends:hubStatus': { run: async () => trends.hubStatus() },
    'trends:ownAlerts': { run: async () => trends.ownAlerts() },
    'trends:replaceAlert': {
      run: async (request) => trends.replaceAlert(request),
      audit: (request, alert) => ({ action: 'trends.replaceAlert', subject: alert.documentClassId, details: { alert: alert.id, replaces: request.replaces } }),
    },
    'trends:withdrawAlert': {
      run: async ({ id }) => trends.withdrawAlert(id),
      audit: ({ id }, withdrawal) => ({ action: 'trends.withdrawAlert', subject: withdrawal.documentClassId, details: { alert: withdrawal.id, withdraws: id } }),
    },
  });
}
