// An examination built from a bundled specimen, as the pipeline would record it: real image files,
// their real sha256, the MRZ read from the specimen's text, a few checks and a decision.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { LIGHTS } from '../../../electron/contract/capture.contract';
import type { CaptureImage, CheckResult, Examination } from '../../../electron/contract/examination.contract';
import type { SpecimenTruth } from '../../../electron/contract/specimen.contract';
import { readMrzText } from '../../../electron/mrz';

export const SPECIMEN_DIR = join(import.meta.dirname, '../../../assets/specimens');
export const HOSTILE_NAME = '<script>alert(1)</script>';
export const OFFICER = { name: 'Inspector Marguerite Vandersloot', badge: 'BX-4471' };
export const STATION = 'Port of Ostend — Terminal 2';

interface SpecimenIndex {
  specimens: { id: string; truth: string; images: Record<string, string> }[];
}

export interface ExamFixture {
  exam: Examination;
  truth: SpecimenTruth;
  /** sha256 → absolute path of the capture file. */
  files: Map<string, string>;
}

export async function specimenExamination(specimenId = 'spc-9303-0000'): Promise<ExamFixture> {
  const index = JSON.parse(readFileSync(join(SPECIMEN_DIR, 'index.json'), 'utf8')) as SpecimenIndex;
  const entry = index.specimens.find((s) => s.id === specimenId);
  if (!entry) throw new Error(`specimen ${specimenId} not in index`);
  const truth = JSON.parse(readFileSync(join(SPECIMEN_DIR, entry.truth), 'utf8')) as SpecimenTruth;
  const files = new Map<string, string>();
  const images: CaptureImage[] = [];
  for (const light of LIGHTS) {
    const path = join(SPECIMEN_DIR, truth.images[light]);
    const bytes = readFileSync(path);
    const hash = createHash('sha256').update(bytes).digest('hex');
    const meta = await sharp(bytes).metadata();
    files.set(hash, path);
    images.push({ light, hash, width: meta.width, height: meta.height, dpi: truth.degradation.output.dpi, mime: `image/${meta.format}` });
  }
  const mrz = readMrzText(truth.mrz.lines, { source: 'text' });
  // The holder's name is whatever the document says: the report must print it, never run it.
  mrz.fields['surname'] = HOSTILE_NAME;
  const box = (id: string) => {
    const region = truth.regions.find((r) => r.id === id);
    if (!region) throw new Error(`no region ${id}`);
    return region.box;
  };
  const checks: CheckResult[] = [
    {
      id: 'mrz.check-digits', title: 'MRZ check digits', layer: 'data-integrity', status: 'pass',
      measured: 'all 5 check digits match', expected: 'every check digit matches its field (ICAO 9303-3 §4.9)',
      evidence: [{ mrz: { line: 1, start: 0, end: 44 }, note: 'composite check digit 0' }],
      explanation: 'Every check digit in the MRZ agrees with the data it protects.',
    },
    {
      id: 'physical.uv-dull', title: 'UV-dull substrate', layer: 'physical', status: 'fail',
      measured: 'bright fluorescence over 38% of the portrait area', expected: 'substrate dull under 365 nm except planned features',
      evidence: [{ light: 'uv', region: box('photo'), note: 'fluorescent patch over the portrait' }],
      explanation: 'Paper used for genuine documents does not fluoresce; optical brighteners point to a counterfeit substrate.',
    },
    {
      id: 'physical.ir-b900', title: 'MRZ absorbs in the B900 band', layer: 'physical', status: 'pass',
      measured: 'MRZ contrast 0.81 under IR', expected: '≥ 0.5 (ICAO 9303-2, B900 ink)',
      evidence: [{ light: 'ir', region: box('mrz') }],
      explanation: 'The MRZ remains visible under infrared light as B900 ink must.',
    },
    {
      id: 'chip.passive-auth', title: 'Passive authentication', layer: 'issuer-signature', status: 'not-performed',
      measured: 'no chip read', expected: 'SOD signature verifies against a trusted CSCA',
      evidence: [], explanation: 'No chip reader was used in this examination.',
    },
  ];
  const exam: Examination = {
    id: 'exm-20250314-0007',
    createdAt: '2025-03-14T09:41:27.000Z',
    station: STATION,
    officer: OFFICER,
    source: 'virtual scanner (bundled specimen)',
    images,
    mrz,
    document: { format: truth.format, documentCode: truth.mrzFields['documentCode'] ?? null, issuer: truth.mrzFields['issuingState'] ?? null },
    checks,
    verdict: [
      { layer: 'data-integrity', status: 'pass', summary: 'MRZ consistent' },
      { layer: 'issuer-signature', status: 'not-performed', summary: 'No chip read' },
      { layer: 'chip-genuineness', status: 'not-performed', summary: 'No chip read' },
      { layer: 'physical', status: 'fail', summary: 'UV fluorescence on the substrate' },
      { layer: 'bearer-match', status: 'not-performed', summary: 'No live capture' },
    ],
    decision: {
      verdict: 'false-counterfeit',
      reasons: ['Substrate fluoresces under UV over the portrait area', 'Print quality of the guilloche is coarse under magnification'],
      notes: `Document retained.\nHolder stated the passport was issued abroad. Name as given: ${HOSTILE_NAME}`,
      officer: OFFICER,
      decidedAt: '2025-03-14T09:52:03.000Z',
    },
    timingsMs: { total: 412 },
  };
  return { exam, truth, files };
}
