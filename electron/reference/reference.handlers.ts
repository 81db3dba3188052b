// reference:* — the reference library: list (with broken classes marked), read, save an edited
// class and retire one (both audited).
import { LoupeError } from '../common/loupe-error';
import { defineHandlers } from '../common/handler-kit';
import { referenceChannels } from '../contract/reference.channels';
import type { ReferenceLibrary } from './reference-library';

export function referenceHandlers(library: ReferenceLibrary) {
  const summaryOf = (id: string) => {
    const found = library.list().find((c) => c.id === id);
    if (!found) throw new LoupeError('reference', 'ClassNotFound', `no reference class ${id}`);
    return found;
  };
  return defineHandlers(referenceChannels, {
    'reference:list': { run: async () => library.summaries() },
    'reference:get': {
      run: async ({ id }) => {
        const { cls, source } = library.get(id);
        return { cls, source };
      },
    },
    'reference:save': {
      run: async ({ cls }) => {
        library.save(cls);
        return summaryOf(cls.id);
      },
      audit: ({ cls }) => ({ action: 'reference.save', subject: cls.id, details: { zones: cls.zones.length } }),
    },
    'reference:retire': {
      run: async ({ id }) => {
        library.retire(id);
        return summaryOf(id);
      },
      audit: ({ id }) => ({ action: 'reference.retire', subject: id }),
    },
  });
}
