// What the dashboard shows for the hub's keys: fraud types in the examiner's words, stations by the
// names the hub's trust list gives them, an alert's scope in words.
import type { AlertScope } from '../../contract/trends.contract';
import { FRAUD_TYPES } from '../../contract/fraud-types.contract';
import { t } from './dashboard-i18n';

type FraudType = (typeof FRAUD_TYPES)[number];

const FRAUD_LABELS: Record<FraudType, () => string> = {
  counterfeit: () => t('dashboard.fraud.counterfeit'),
  'forged-photo-substitution': () => t('dashboard.fraud.forgedPhoto'),
  'forged-page-substitution': () => t('dashboard.fraud.forgedPage'),
  'forged-data-alteration': () => t('dashboard.fraud.forgedData'),
  'forged-other': () => t('dashboard.fraud.forgedOther'),
  'pseudo-fantasy': () => t('dashboard.fraud.pseudo'),
  'fraudulently-obtained-genuine': () => t('dashboard.fraud.fraudulentlyObtained'),
  'impostor-look-alike': () => t('dashboard.fraud.impostor'),
  'stolen-blank': () => t('dashboard.fraud.stolenBlank'),
  other: () => t('dashboard.fraud.other'),
};

function isFraudType(key: string): key is FraudType {
  return (FRAUD_TYPES as readonly string[]).includes(key);
}

/** A fraud type's label; a key the taxonomy does not know is shown as it is. */
export function fraudLabel(key: string): string {
  return isFraudType(key) ? FRAUD_LABELS[key]() : key;
}

let names: Record<string, string> = {};

/** The trust list's names, as the hub answered them (/v1/trends/stations). */
export function setStationNames(next: Record<string, string>): void {
  names = next;
}

/** A station's name, or its id when the hub's trust list does not name it. */
export function stationLabel(id: string): string {
  const name = names[id];
  return name ? t('dashboard.stationNamed', { name, id: id.slice(0, 8) }) : id;
}

export function scopeLabel(scope: AlertScope): string {
  switch (scope.kind) {
    case 'regional':
      return t('dashboard.scope.regional');
    case 'documents':
      return [
        scope.issuers.length > 0 ? scope.issuers.join(', ') : t('dashboard.scope.anyIssuer'),
        scope.documentTypes.length > 0 ? scope.documentTypes.join(', ') : t('dashboard.scope.anyType'),
        scope.series.length > 0 ? scope.series.join(', ') : t('dashboard.scope.anySeries'),
      ].join(' · ');
    default: {
      const never: never = scope;
      return never;
    }
  }
}
