// Layers whose checks need inputs or capabilities this examination does not have. They are reported
// as 'not-performed' with the reason — never as pass, never as fail (docs/ARCHITECTURE.md §3).
import type { Light } from '../contract/capture.contract';
import type { CheckResult } from '../contract/examination.contract';

export interface CaptureInputs {
  lights: Light[];
  chipRead: boolean;
  liveFace: boolean;
  /** The security-feature checks ran (they report the physical layer themselves). */
  securityChecks?: boolean;
}

function notPerformed(partial: Pick<CheckResult, 'id' | 'title' | 'layer' | 'expected' | 'explanation'>): CheckResult {
  return { ...partial, status: 'not-performed', measured: 'not measured', evidence: [] };
}

export function pendingLayerChecks(inputs: CaptureInputs): CheckResult[] {
  const missing = (['white', 'ir', 'uv'] as const).filter((l) => !inputs.lights.includes(l));
  const physical = notPerformed({
    id: 'physical.security-features',
    title: 'Security features under white, infrared and ultraviolet light',
    layer: 'physical',
    expected: 'features present and behaving as on the reference document',
    explanation: missing.length
      ? `No ${missing.join(' / ')} image was captured, and no reference library is installed on this station.`
      : 'No reference library is installed on this station: compare the features by eye under each light.',
  });
  return [
    notPerformed({
      id: 'chip.passive-authentication',
      title: 'Issuer signature (passive authentication)',
      layer: 'issuer-signature',
      expected: 'Document Security Object signed by a trusted issuer, data group hashes match',
      explanation: inputs.chipRead ? 'Chip data present but not verified.' : 'The chip was not read at this station.',
    }),
    notPerformed({
      id: 'chip.genuineness',
      title: 'Chip genuineness (active / chip authentication)',
      layer: 'chip-genuineness',
      expected: 'the chip proves possession of its private key',
      explanation: 'The chip was not read at this station.',
    }),
    ...(inputs.securityChecks ? [] : [physical]),
    notPerformed({
      id: 'bearer.face',
      title: 'Holder matches the portrait',
      layer: 'bearer-match',
      expected: 'the holder is the person in the document portrait',
      explanation: inputs.liveFace ? 'A live capture exists but was not compared.' : 'No live capture of the holder was taken.',
    }),
  ];
}
