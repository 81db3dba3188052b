// The fuzz targets of one area as vitest properties: a modest number of runs each, a fixed seed
// per run of the suite printed on failure by fast-check (rerun with FUZZ_SEED=<seed>), so the whole
// set stays within the unit tests' time. `npm run fuzz` runs the same targets for longer.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { DEFAULT_TIME_BOUND_MS, judge, type AnyFuzzTarget } from './fuzz-kit';

export interface SuiteOptions {
  /** Runs per target (default 150). */
  numRuns?: number;
}

export function propertySuite(area: string, targets: readonly AnyFuzzTarget[], options: SuiteOptions = {}): void {
  const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
  describe(`${area}: parsers of outside bytes return a valid value or throw their own error kind`, () => {
    for (const target of targets) {
      describe(target.name, () => {
        beforeAll(async () => target.setUp?.());
        afterAll(async () => target.tearDown?.());
        it('on arbitrary input and mutated valid samples', async () => {
          await fc.assert(fc.asyncProperty(target.input(), (input) => judge(target, input)), {
            numRuns: options.numRuns ?? 150,
            examples: (target.examples?.() ?? []).map((e) => [e] as [unknown]),
            // Shrinking re-runs the call many times: not for the slow targets (images, packages).
            endOnFailure: (target.timeBoundMs ?? DEFAULT_TIME_BOUND_MS) > DEFAULT_TIME_BOUND_MS,
            ...(seed === undefined ? {} : { seed }),
          });
        });
      });
    }
  });
}
