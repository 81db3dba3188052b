// Trend bundles (file, payload lines, proofs of origin) and the signature headers of hub requests.
import { propertySuite } from '../../fuzz/property-suite';
import { EXCHANGE_TARGETS } from '../../fuzz/targets/exchange.targets';

propertySuite('exchange', EXCHANGE_TARGETS, { numRuns: 200 });
