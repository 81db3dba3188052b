// Public keys handed over by other stations.
import { propertySuite } from '../../fuzz/property-suite';
import { TRUST_TARGETS } from '../../fuzz/targets/trust.targets';

propertySuite('trust', TRUST_TARGETS, { numRuns: 300 });
