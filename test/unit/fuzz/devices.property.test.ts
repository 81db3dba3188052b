// A serial MRZ reader's byte stream and the device bridge's messages.
import { propertySuite } from '../../fuzz/property-suite';
import { DEVICES_TARGETS } from '../../fuzz/targets/devices.targets';

propertySuite('devices', DEVICES_TARGETS, { numRuns: 300 });
