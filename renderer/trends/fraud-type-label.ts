// The controlled fraud taxonomy in the examiner's words.
import type { FraudType } from '../../electron/contract/trends.contract';
import { t, type PlainMessageKey } from '../i18n/t';

const KEYS: Record<FraudType, PlainMessageKey> = {
  counterfeit: 'fraud.counterfeit',
  'forged-photo-substitution': 'fraud.forgedPhoto',
  'forged-page-substitution': 'fraud.forgedPage',
  'forged-data-alteration': 'fraud.forgedData',
  'forged-other': 'fraud.forgedOther',
  'pseudo-fantasy': 'fraud.pseudo',
  'fraudulently-obtained-genuine': 'fraud.fraudulentlyObtained',
  'impostor-look-alike': 'fraud.impostor',
  'stolen-blank': 'fraud.stolenBlank',
  other: 'fraud.other',
};

export function fraudTypeLabel(type: FraudType): string {
  return t(KEYS[type]);
}
