// Layers whose checks need inputs or capabilities this examination does not have: the chip layers
// (no chip reader yet) and the physical layer on a station without a reference library. They are
// reported as 'not-performed' with the reason — never as pass, never as fail (docs/ARCHITECTURE.md §3).
import { PENDING_CHECK_IDS } from './check-ids';
import type { Check } from './check-model';
import { notPerformed } from './check-outcome';

export const passiveAuthenticationPending: Check<'capture'> = {
  id: PENDING_CHECK_IDS.passiveAuthentication,
  title: 'Issuer signature (passive authentication)',
  layer: 'issuer-signature',
  expected: 'Document Security Object signed by a trusted issuer, data group hashes match',
  needs: { evidence: 'capture' },
  run: (capture) => notPerformed(passiveAuthenticationPending, capture.chipRead ? 'Chip data present but not verified.' : 'The chip was not read at this station.'),
};

export const chipGenuinenessPending: Check<'capture'> = {
  id: PENDING_CHECK_IDS.chipGenuineness,
  title: 'Chip genuineness (active / chip authentication)',
  layer: 'chip-genuineness',
  expected: 'the chip proves possession of its private key',
  needs: { evidence: 'capture' },
  run: () => notPerformed(chipGenuinenessPending, 'The chip was not read at this station.'),
};

/** Stands for the security-feature checks when they could not run at all (they report the physical layer themselves). */
export const securityFeaturesPending: Check<'capture'> = {
  id: PENDING_CHECK_IDS.securityFeatures,
  title: 'Security features under white, infrared and ultraviolet light',
  layer: 'physical',
  expected: 'features present and behaving as on the reference document',
  needs: { evidence: 'capture' },
  run(capture) {
    if (capture.securityChecks) return null;
    const missing = (['white', 'ir', 'uv'] as const).filter((l) => !capture.lights.includes(l));
    return notPerformed(
      securityFeaturesPending,
      missing.length
        ? `No ${missing.join(' / ')} image was captured, and no reference library is installed on this station.`
        : 'No reference library is installed on this station: compare the features by eye under each light.',
    );
  },
};
