// The MRZ text engine: layouts, check digits, parsing, validation and look-alike repair.
export { readMrzText } from './mrz-text-reader';
export { computeCheckDigit, mrzCharValue } from './mrz-check-digit';
export { MRZ_LAYOUTS, detectLayout } from './mrz-layouts';
export type { MrzCharClass, MrzCheckSpec, MrzFieldName, MrzFieldSpec, MrzLayout, MrzRange } from './mrz-layouts';
export { isKnownStateCode, stateName } from './mrz-states';
export type { CharCandidates, ReadMrzTextOptions } from './mrz-types';
export { settleUncertain } from './mrz-uncertainty';
