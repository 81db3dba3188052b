// examination:* — scan, read back and list examinations, and record the officer's decision and
// finding reviews (the examination record changes only through ExaminationService), and the
// station's next step per verdict level.
import { defineHandlers } from '../common/handler-kit';
import { examinationChannels } from '../contract/examination.channels';
import type { ExaminationListQuery } from '../store';
import type { Examination, ExaminationSummary, Officer } from '../contract/examination.contract';
import type { CameraScans } from './camera-scans';
import type { DeviceCaptures } from './device-captures';
import type { ExaminationService } from './examination.service';
import { stationNextSteps, type SettingsStore } from './next-steps';

export interface ExaminationHandlerDeps {
  examinations: ExaminationService;
  captures: DeviceCaptures;
  camera: CameraScans;
  list(query: ExaminationListQuery, viewer: Officer | null): ExaminationSummary[];
  /** Where the station's next steps are kept. */
  settings: SettingsStore;
}

export function examinationHandlers({ examinations, captures, camera, list, settings }: ExaminationHandlerDeps) {
  return defineHandlers(examinationChannels, {
    'examination:scan': { run: async ({ deviceId }, ctx): Promise<Examination> => captures.scan(deviceId, ctx.signedIn()) },
    'examination:get': { run: async ({ id }, ctx) => examinations.get(id, ctx.officer) },
    'examination:list': { run: async (query, ctx) => list(query, ctx.officer) },
    'examination:decide': { run: async ({ id, decision }, ctx) => examinations.decide(id, decision, ctx.signedIn()) },
    'examination:review': { run: async ({ id, review }, ctx) => examinations.review(id, review, ctx.signedIn()) },
    'examination:nextSteps': {
      run: async ({ nextSteps }) => stationNextSteps(settings, nextSteps),
      audit: ({ nextSteps }) => (nextSteps ? { action: 'examination.nextSteps', details: { levels: Object.keys(nextSteps) } } : null),
    },
    'examination:reviewMrzCharacter': { run: async ({ id, review }, ctx) => examinations.reviewMrzCharacter(id, review, ctx.signedIn()) },
    'examination:cameraFrame': { run: async ({ session, frame }) => camera.frame(session, frame) },
    'examination:cameraExamine': { run: async ({ session }, ctx) => camera.examine(session, ctx.signedIn(), captures.progress('scan:camera')) },
    'examination:cameraClose': { run: async ({ session }) => ({ closed: camera.close(session) }) },
  });
}
