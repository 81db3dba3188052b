// The class-specific checks: they compare the capture with the identified class's reference.
// They are registered in ../check-registry.ts.
export { documentIdentificationCheck, identificationResult, WEAK_MATCH } from './document-identification.check';
export { uvFeaturesCheck } from './uv-features.check';
export { irFeaturesCheck } from './ir-features.check';
export { visibleTemplateCheck } from './visible-template.check';
export { vizErasureCheck } from './viz-erasure.check';
export { photoSubstitutionCheck } from './photo-substitution.check';
export { measureUvZone } from './uv-features.check';
export { measureIrZone } from './ir-features.check';
export { measurePhoto } from './photo-substitution.check';
export { measureFieldErasure } from './viz-erasure.check';
