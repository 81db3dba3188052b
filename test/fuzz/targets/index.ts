// Every fuzz target, by area; `npm run fuzz -- --target NAME` picks among these names.
import type { AnyFuzzTarget } from '../fuzz-kit';
import { CHIP_TARGETS } from './chip.targets';
import { DEVICES_TARGETS } from './devices.targets';
import { EXCHANGE_TARGETS } from './exchange.targets';
import { HUB_TARGETS } from './hub.targets';
import { IMAGING_TARGETS } from './imaging.targets';
import { MRZ_TARGETS } from './mrz.targets';
import { REFERENCE_TARGETS } from './reference.targets';
import { TRUST_TARGETS } from './trust.targets';

export const ALL_TARGETS: readonly AnyFuzzTarget[] = [
  ...MRZ_TARGETS,
  ...DEVICES_TARGETS,
  ...EXCHANGE_TARGETS,
  ...HUB_TARGETS,
  ...CHIP_TARGETS,
  ...IMAGING_TARGETS,
  ...REFERENCE_TARGETS,
  ...TRUST_TARGETS,
];
