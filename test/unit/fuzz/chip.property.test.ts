// The chip's files, the PKI objects, the images and the evidence packages as hostile input.
import { propertySuite } from '../../fuzz/property-suite';
import { CHIP_TARGETS } from '../../fuzz/targets/chip.targets';

propertySuite('chip', CHIP_TARGETS, { numRuns: 150 });
