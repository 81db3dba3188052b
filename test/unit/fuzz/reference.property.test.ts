// Reference packages and their signatures, signed again by a trusted key behind the signature.
import { propertySuite } from '../../fuzz/property-suite';
import { REFERENCE_TARGETS } from '../../fuzz/targets/reference.targets';

propertySuite('reference', REFERENCE_TARGETS, { numRuns: 100 });
