// Public API of the synthetic specimen generator.
export { generateSpecimens, writeSpecimen, type GenerateOptions } from './specimen-generator';
export { renderSpecimen, specimenId, type RenderOptions, type RenderedSpecimen, type SpecimenImage } from './specimen-renderer';
export { SPECIMEN_DESIGNS, designById, designsForFormat, type SpecimenDesign } from './specimen-designs';
export { mrzCheckDigit } from './check-digit';
export { REFERENCE_DATE } from './specimen-dates';
export { checkForgery, resolveForgeryKind, unsupportedReason, type ForgeryOption } from './forgery-kinds';
export { FORGERY_KINDS, type ForgeryKind, type SpecimenForgery } from '../contract/specimen.contract';
