// A station's trend service over a real trend store, for tests that never take crops from an
// examination (an examination asked for is a test error).
import { openStationTrends, type StationTrendStore } from './station-trends';
import { TrendsService, type TrendsDeps } from '../../electron/trends/trends.service';

export function trendsWithoutExaminations(dataDir: string, deps: Partial<Omit<TrendsDeps, 'store' | 'trust' | 'dataDir' | 'examination'>> = {}): { store: StationTrendStore; trends: TrendsService } {
  const store = openStationTrends(dataDir);
  const trends = new TrendsService({
    store,
    trust: store.trust,
    dataDir,
    examination: (id) => {
      throw new Error(`no examination is needed here (asked for ${id})`);
    },
    referenceClass: () => null,
    imagePath: () => null,
    ...deps,
  });
  return { store, trends };
}
