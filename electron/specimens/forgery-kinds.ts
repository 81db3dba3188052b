// Which forgery kinds a design supports, which checks each must trigger, and how `--forgery any`
// spreads the kinds over a mixed set. The check ids are the shared CHECK_IDS, never literals.
import { CHECK_IDS } from '../checks/check-ids';
import { FORGERY_KINDS, ForgeryKindSchema, type ForgeryKind } from '../contract/specimen.contract';
import { LoupeError, assertNever } from '../common/loupe-error';
import { designsForFormat, type SpecimenDesign } from './specimen-designs';

export type ForgeryOption = ForgeryKind | 'any';

export function checkForgery(value: string): ForgeryOption {
  if (value === 'any') return 'any';
  const parsed = ForgeryKindSchema.safeParse(value);
  if (!parsed.success) throw new LoupeError('common', 'InvalidInput', `unknown forgery '${value}' (expected any, ${FORGERY_KINDS.join(', ')})`);
  return parsed.data;
}

/** Document codes of `claimed` that `page`'s class never carries: the MRZ then names `claimed` alone. */
export function exclusiveCodes(claimed: SpecimenDesign, page: SpecimenDesign): string[] {
  return claimed.documentCodes.filter((code) => !page.documentCodes.includes(code));
}

/**
 * A page from another series: the page of one design of the same format carrying an MRZ whose
 * document code only the other design uses, so the MRZ's candidate class and the page disagree.
 * Prefers the chosen design as the claimed class, else as the page. Null when the format has no such pair.
 */
export function otherSeriesPair(design: SpecimenDesign): { claimed: SpecimenDesign; page: SpecimenDesign } | null {
  const others = designsForFormat(design.format).filter((d) => d.id !== design.id);
  for (const page of others) if (exclusiveCodes(design, page).length > 0) return { claimed: design, page };
  for (const claimed of others) if (exclusiveCodes(claimed, design).length > 0) return { claimed, page: design };
  return null;
}

/** Why `kind` cannot be made on `design`, or null when it can. */
export function unsupportedReason(kind: ForgeryKind, design: SpecimenDesign): string | null {
  switch (kind) {
    case 'other-series':
      return otherSeriesPair(design) ? null : `forgery 'other-series' needs two ${design.format} designs with distinct document codes; ${design.format} has only ${designsForFormat(design.format).map((d) => d.id).join(', ')}`;
    case 'ordinary-paper':
    case 'mrz-non-b900':
    case 'photo-substitution':
    case 'viz-alteration':
    case 'mrz-alteration':
    case 'mrz-wrong-font':
    case 'missing-ir-feature':
      return null;
    default:
      return assertNever(kind, 'forgery kind');
  }
}

/** The concrete kind for one document: `any` cycles over the kinds the design supports. */
export function resolveForgeryKind(option: ForgeryOption, design: SpecimenDesign, index: number): ForgeryKind {
  if (option === 'any') {
    const supported = FORGERY_KINDS.filter((kind) => unsupportedReason(kind, design) === null);
    return supported[index % supported.length] as ForgeryKind;
  }
  const reason = unsupportedReason(option, design);
  if (reason) throw new LoupeError('common', 'InvalidInput', reason);
  return option;
}

/** The checks each kind must trigger regardless of design (design-dependent extras are added by the planner). */
export const BASE_EXPECTED_CHECKS: Record<ForgeryKind, string[]> = {
  'ordinary-paper': [CHECK_IDS.uvDullness, CHECK_IDS.uvFeatures],
  'mrz-non-b900': [CHECK_IDS.mrzB900],
  'photo-substitution': [CHECK_IDS.photoZone],
  'viz-alteration': [CHECK_IDS.vizMrz],
  'mrz-alteration': [CHECK_IDS.vizMrz],
  'mrz-wrong-font': [CHECK_IDS.mrzGeometry],
  'missing-ir-feature': [CHECK_IDS.irFeatures],
  'other-series': [CHECK_IDS.identification, CHECK_IDS.visibleTemplate],
};
