// Typed, serial and OCR'd MRZ text: a reading its contract accepts, whatever the text.
import { propertySuite } from '../../fuzz/property-suite';
import { MRZ_TARGETS } from '../../fuzz/targets/mrz.targets';

propertySuite('mrz', MRZ_TARGETS, { numRuns: 300 });
