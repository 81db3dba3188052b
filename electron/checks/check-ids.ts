// Check ids: the stable names of the checks. Stored examinations, reviews of findings, the forgery
// specimens' ground truth, trend records ("the check that caught it") and the benchmarks refer to
// them — never rename one; a new check gets a new id.

/** The security-feature checks of the capture. */
export const CHECK_IDS = {
  mrzB900: 'mrz.b900',
  uvDullness: 'uv.dullness',
  mrzGeometry: 'mrz.geometry',
  vizMrz: 'viz.mrz-consistency',
  identification: 'document.identification',
  uvFeatures: 'uv.features',
  irFeatures: 'ir.features',
  visibleTemplate: 'visible.template',
  photoZone: 'photo.substitution',
  vizErasure: 'viz.erasure',
} as const;

/** The bearer-match checks of the face section. */
export const FACE_CHECK_IDS = { bearer: 'bearer.face', ghost: 'face.portrait-ghost', plausibility: 'bearer.face-plausibility' } as const;

/** The data-integrity checks of the MRZ reading (ICAO 9303 Parts 3–7). */
export const MRZ_CHECK_IDS = { present: 'mrz.present', checkDigits: 'mrz.check-digits', syntax: 'mrz.syntax', dates: 'mrz.dates', corrections: 'mrz.corrections' } as const;

/** Layers this station cannot examine yet, reported as not performed. */
export const PENDING_CHECK_IDS = { passiveAuthentication: 'chip.passive-authentication', chipGenuineness: 'chip.genuineness', securityFeatures: 'physical.security-features' } as const;
