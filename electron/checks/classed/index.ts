// The class-specific checks: they compare the capture with the identified class's reference.
import type { Check } from '../check-input';
import { documentIdentificationCheck } from './document-identification.check';
import { irFeaturesCheck } from './ir-features.check';
import { photoSubstitutionCheck } from './photo-substitution.check';
import { uvFeaturesCheck } from './uv-features.check';
import { visibleTemplateCheck } from './visible-template.check';
import { vizErasureCheck } from './viz-erasure.check';

export const classedChecks: Check[] = [documentIdentificationCheck, uvFeaturesCheck, irFeaturesCheck, visibleTemplateCheck, vizErasureCheck, photoSubstitutionCheck];

export { identificationResult, WEAK_MATCH } from './document-identification.check';
export { measureUvZone } from './uv-features.check';
export { measureIrZone } from './ir-features.check';
export { measurePhoto } from './photo-substitution.check';
export { measureFieldErasure } from './viz-erasure.check';
