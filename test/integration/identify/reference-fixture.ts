// Builds a reference class for a specimen design from a rendered genuine specimen and its truth
// regions (zones per electron/contract/reference.contract.ts), for the identification and
// class-specific check tests.
import type { LightImage } from '../../../electron/checks/check-input';
import { REFERENCE_SCHEMA, type DocumentClass, type ReferenceZone } from '../../../electron/contract/reference.contract';
import type { Light } from '../../../electron/contract/capture.contract';
import type { SpecimenTruth } from '../../../electron/contract/specimen.contract';
import { decodeLightImage } from '../../../electron/imaging/light-image';
import { designById, renderSpecimen, type RenderOptions } from '../../../electron/specimens';

export interface ReferenceFixture {
  cls: DocumentClass;
  reference: Record<Light, LightImage>;
  truth: SpecimenTruth;
}

export interface Capture {
  images: Record<Light, LightImage>;
  truth: SpecimenTruth;
}

const LIGHTS: Light[] = ['white', 'ir', 'uv'];

export async function decodeRendered(rendered: Awaited<ReturnType<typeof renderSpecimen>>): Promise<Capture> {
  const decoded = await Promise.all(LIGHTS.map((l) => decodeLightImage(rendered.images[l].data, l)));
  return { images: { white: decoded[0]!, ir: decoded[1]!, uv: decoded[2]! }, truth: rendered.truth };
}

export async function renderCapture(seed: number, index: number, opts: RenderOptions): Promise<Capture> {
  return decodeRendered(await renderSpecimen(seed, index, opts));
}

function colourOf(ref: string | undefined): string | undefined {
  return /#[0-9a-fA-F]{6}/.exec(ref ?? '')?.[0];
}

export async function buildReferenceClass(designId: string, seed = 9001): Promise<ReferenceFixture> {
  const design = designById(designId);
  const { images: reference, truth } = await renderCapture(seed, 0, { design: designId });
  const W = truth.page.widthPx;
  const regions = truth.regions;
  const header = regions.find((r) => r.id === 'header')!.box;
  const labels = regions.filter((r) => r.kind === 'label');
  const irFields = new Set<string>(design.ir.fields);
  const zones: ReferenceZone[] = [
    { id: 'header', kind: 'header', label: 'Header band', box: header, personal: false, expect: { white: { fixedPattern: true }, ir: 'invisible', uv: { fluoresces: false, fixedPattern: false } } },
    // The synthetic designs are shared by every issuer: the state name line changes per document.
    { id: 'header-state', kind: 'header', label: 'Issuing state name', box: { x: Math.round(header.h * 0.5), y: 0, w: Math.round(W - header.h * 2.9), h: Math.round(header.h * 0.56) }, personal: true, expect: {} },
  ];
  for (const r of regions) {
    if (r.id === 'pattern') zones.push({ id: 'pattern', kind: 'pattern', label: 'Background print', box: r.box, personal: false, expect: { white: { fixedPattern: true } } });
    // A second UV emblem overprints the portrait on some designs: the photo is then not expected dull.
    const uvDull = design.uv.emblem2 ? {} : { uv: { fluoresces: false, fixedPattern: false } };
    if (r.id === 'photo' || r.id === 'ghost') zones.push({ id: r.id, kind: r.kind as 'photo' | 'ghost', label: r.id, box: r.box, personal: true, expect: { ir: design.ir.portrait ? 'visible' : 'invisible', ...uvDull } });
    if (r.id === 'signature') zones.push({ id: 'signature', kind: 'signature', label: 'Signature', box: r.box, personal: true, expect: {} });
    if (r.id === 'mrz') zones.push({ id: 'mrz', kind: 'mrz', label: 'MRZ', box: r.box, personal: true, expect: { ir: 'visible' } });
    if (r.kind === 'field' && r.ref) {
      // Printed values vary in length: the zone runs to the next label on the row (or the pattern edge).
      const next = labels.filter((l) => Math.abs(l.box.y - (r.box.y - 26 * (truth.dpi / 300))) < 20 * (truth.dpi / 300) && l.box.x > r.box.x + 5).map((l) => l.box.x);
      const photo = regions.find((p) => p.id === 'photo')!.box;
      const beforePhoto = photo.x > r.box.x ? [photo.x] : [];
      const right = Math.min(W - Math.round(truth.dpi / 10), ...next, ...beforePhoto) - 4;
      zones.push({ id: `field-${r.ref.toLowerCase()}`, kind: 'field', label: r.ref, field: r.ref, box: { ...r.box, w: Math.max(r.box.w, right - r.box.x) }, personal: true, expect: { ir: irFields.has(r.ref) ? 'visible' : 'invisible' } });
    }
    if (r.id === 'uv-emblem' || r.id === 'uv-emblem-2') zones.push({ id: r.id, kind: 'uv-feature', label: r.ref ?? r.id, box: r.box, personal: false, expect: { uv: { fluoresces: true, colour: colourOf(r.ref), fixedPattern: true } } });
    if (r.id === 'uv-number') zones.push({ id: r.id, kind: 'uv-feature', label: 'Document number in fluorescent ink', box: { x: r.box.x - 40, y: r.box.y, w: r.box.w + 40, h: r.box.h }, personal: true, expect: { uv: { fluoresces: true, colour: colourOf(r.ref), fixedPattern: false } } });
  }
  const cls: DocumentClass = {
    schema: REFERENCE_SCHEMA,
    id: `specimen.${design.id}`,
    issuer: null,
    documentType: design.title,
    documentCodes: design.documentCodes.map((c) => c.replace(/<$/, '<')),
    series: design.id,
    validFrom: '2020-01-01',
    validTo: null,
    format: design.format,
    size: { widthMm: truth.page.widthMm, heightMm: truth.page.heightMm },
    dpi: truth.dpi,
    images: { white: 'white.png', ir: 'ir.png', uv: 'uv.png' },
    zones,
    status: 'active',
    version: 1,
    updatedAt: '2025-01-01T00:00:00Z',
    author: 'specimen generator',
  };
  return { cls, reference, truth };
}
