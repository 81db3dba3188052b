// Raw hostile HTTP requests at a real hub server on loopback, with a SQLite store.
import { propertySuite } from '../../fuzz/property-suite';
import { HUB_TARGETS } from '../../fuzz/targets/hub.targets';

propertySuite('hub', HUB_TARGETS, { numRuns: 120 });
