// Image files as captures and light images: within the limits, or refused with their reason.
import { propertySuite } from '../../fuzz/property-suite';
import { IMAGING_TARGETS } from '../../fuzz/targets/imaging.targets';

propertySuite('imaging', IMAGING_TARGETS, { numRuns: 150 });
