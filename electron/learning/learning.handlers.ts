// learning:* — learning a reference class from genuine captures at the Reference screen: propose
// (a new class, or the next version of a learned one), save as corrected (audited), discard.
import { defineHandlers } from '../common/handler-kit';
import { learningChannels } from '../contract/learning.channels';
import type { ReferenceLibrary } from '../reference';
import type { LearningService } from './learning.service';

export function learningHandlers(learning: LearningService, library: ReferenceLibrary) {
  const summaryOf = (id: string) => library.list().find((c) => c.id === id)!;
  return defineHandlers(learningChannels, {
    'learning:propose': {
      run: async ({ files, ...identity }, ctx) => learning.propose({ ...identity, files }, ctx.signedIn().name),
      audit: ({ id, files }, proposal) => ({ action: 'learning.propose', subject: id, details: { files: files.length, captures: proposal.captures.filter((c) => c.used).length, ms: proposal.ms } }),
    },
    'learning:grow': {
      run: async ({ id, files }, ctx) => learning.grow(id, files, ctx.signedIn().name),
      audit: ({ id, files }, proposal) => ({ action: 'learning.grow', subject: id, details: { files: files.length, captures: proposal.captures.filter((c) => c.used).length } }),
    },
    'learning:save': {
      run: async ({ draftId, cls }, ctx) => summaryOf(learning.save(draftId, cls, ctx.signedIn().name).id),
      audit: ({ cls }, saved) => ({ action: 'learning.save', subject: cls.id, details: { version: saved.version, zones: cls.zones.length } }),
    },
    'learning:discard': {
      run: async ({ draftId }) => {
        learning.discard(draftId);
        return {};
      },
    },
  });
}
