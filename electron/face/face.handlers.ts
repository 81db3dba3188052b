// face:* — the imposter check: portraits analysed and compared, live captures added, the
// officer's assessment, and the station's threshold (changing it needs an officer).
import { defineHandlers } from '../common/handler-kit';
import { faceChannels } from '../contract/face.channels';
import type { FaceService } from './face.service';

export function faceHandlers(faces: FaceService) {
  return defineHandlers(faceChannels, {
    'face:analyse': { run: async ({ id }, ctx) => faces.analyse(id, ctx.signedIn()) },
    'face:addPortrait': { run: async ({ id, kind, imageBase64 }, ctx) => faces.addPortrait(id, kind, imageBase64, ctx.signedIn()) },
    'face:assess': { run: async ({ id, assessment }, ctx) => faces.assess(id, assessment, ctx.signedIn()) },
    'face:settings': {
      run: async ({ threshold }) => faces.settings(threshold),
      audit: ({ threshold }) => (threshold ? { action: 'face.threshold', details: { ...threshold } } : null),
    },
  });
}
