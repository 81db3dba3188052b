// A reference document class for one synthetic specimen design, built from the ground-truth regions
// of a genuine, undegraded specimen of that design. The expectations per light are properties of the
// design (specimen-designs.ts): which zones are printed in IR-absorbing ink (ICAO 9303 Part 2, B900
// band) and which features fluoresce under 365 nm UV. Used by the tool that builds the bundled
// reference library (scripts/make-reference-library.ts); the station only reads the classes.
import type { Box } from '../contract/capture.contract';
import { REFERENCE_SCHEMA, type DocumentClass, type ReferenceZone, type ZoneExpectation } from '../contract/reference.contract';
import type { SpecimenRegion, SpecimenTruth } from '../contract/specimen.contract';
import { layoutPage, type PageLayout } from './page-layout';
import type { SpecimenDesign, VizField } from './specimen-designs';
import { textBox } from './specimen-regions';

/** VIZ fields whose printed value must equal an MRZ field of the same name (Part 3 §4.2). */
const MRZ_FIELDS: ReadonlySet<VizField> = new Set<VizField>(['surname', 'givenNames', 'documentNumber', 'nationality', 'birthDate', 'sex', 'expiryDate']);

const FIELD_LABELS: Record<VizField, string> = {
  type: 'Document type',
  code: 'Issuing state code',
  documentNumber: 'Document number',
  surname: 'Surname',
  givenNames: 'Given names',
  nationality: 'Nationality',
  birthDate: 'Date of birth',
  sex: 'Sex',
  placeOfBirth: 'Place of birth',
  issueDate: 'Date of issue',
  authority: 'Authority',
  expiryDate: 'Date of expiry',
  entries: 'Number of entries',
  duration: 'Duration of stay',
};

export const SPECIMEN_CLASS_SERIES = '2024';
export const SPECIMEN_CLASS_VALID_FROM = '2020-01-01';
/** Fixed, so regenerating the built-in library gives byte-identical class files. */
export const SPECIMEN_CLASS_UPDATED_AT = '2024-01-01T00:00:00.000Z';

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

function region(truth: SpecimenTruth, id: string): SpecimenRegion | undefined {
  return truth.regions.find((r) => r.id === id);
}

/** The slot a field value may occupy (its full width), not the box of one document's value. */
function fieldSlotBox(layout: PageLayout, field: VizField, truth: SpecimenTruth): Box | null {
  const slot = layout.slots.find((s) => s.field === field);
  if (!slot) return null;
  const r = textBox(slot.valueX, slot.valueY, slot.valueSize, slot.maxWidth);
  const k = truth.dpi / 25.4;
  const x = Math.max(0, Math.round(r.x * k));
  const y = Math.max(0, Math.round(r.y * k));
  const right = Math.min(truth.page.widthPx, Math.round((r.x + r.w) * k));
  const bottom = Math.min(truth.page.heightPx, Math.round((r.y + r.h) * k));
  return { x, y, w: Math.max(1, right - x), h: Math.max(1, bottom - y) };
}

/**
 * Where the header's state name may be printed (specimen-svg.ts header(): from 0.95 header
 * heights right of the margin, at most 62 % of the page wide, cap line to descenders within
 * 0.1–0.56 of the header height), stopping short of the SPECIMEN tab.
 */
function stateNameBox(layout: PageLayout, truth: SpecimenTruth): Box {
  const h = layout.header.h;
  const k = truth.dpi / 25.4;
  const x0 = layout.margin + 0.95 * h - 0.3;
  const tab = layout.widthMm - layout.margin - 1.9 * h - 0.5;
  const x1 = Math.min(tab, x0 + 0.62 * layout.widthMm + 0.6);
  const box = { x: Math.round(x0 * k), y: Math.round(0.1 * h * k), w: 0, h: 0 };
  box.w = Math.round(x1 * k) - box.x;
  box.h = Math.round(0.56 * h * k) - box.y;
  return box;
}

// Only planned features carry a UV expectation: the substrate's dullness is the generic UV check's
// job, and zones such as fields or the portrait can lie under a fluorescent emblem or random fibres.

export function classFromDesign(design: SpecimenDesign, truth: SpecimenTruth): DocumentClass {
  const layout = layoutPage(design);
  const zones: ReferenceZone[] = [];
  const irFields = new Set<VizField>(design.ir.fields);
  const portraitIr = design.ir.portrait ? 'visible' : 'invisible';
  const add = (zone: Omit<ReferenceZone, 'box'>, box: Box | undefined | null): void => {
    if (box) zones.push({ ...zone, box: { ...box } });
  };
  const fromTruth = (id: string): Box | undefined => region(truth, id)?.box;

  add(
    {
      id: 'header',
      kind: 'header',
      label: `${design.title} header band`,
      personal: false,
      expect: { white: { fixedPattern: false }, ir: 'invisible' },
      note: 'The state name varies with the issuer of this shared design; the colour band, emblem and SPECIMEN tab do not.',
    },
    fromTruth('header'),
  );
  add(
    {
      id: 'header-state',
      kind: 'header',
      label: 'Issuing state name',
      personal: true,
      expect: {},
      note: 'Shared design: each issuer prints its own state name here, so the line is not compared with the reference.',
    },
    stateNameBox(layout, truth),
  );
  // The pattern zone spans the page, IR-absorbing print included: no IR expectation of its own.
  const patternExpect: ZoneExpectation = { white: { fixedPattern: true } };
  add(
    {
      id: 'pattern',
      kind: 'pattern',
      label: `${design.pattern === 'rosette' ? 'Rosette' : 'Wave'} guilloche background`,
      personal: false,
      expect: patternExpect,
      note: 'Check the fine-line continuity of the background print, especially where it meets the portrait and the data fields; personal zones inside are excluded from comparisons.',
    },
    fromTruth('pattern'),
  );
  add(
    {
      id: 'photo',
      kind: 'photo',
      label: 'Portrait',
      personal: true,
      expect: { ir: portraitIr },
      note: 'The portrait is printed into the page: a raised edge, a glue line or a break in the background print around it indicates substitution.',
    },
    fromTruth('photo'),
  );
  if (design.ghost) add({ id: 'ghost', kind: 'ghost', label: 'Ghost portrait', personal: true, expect: { ir: portraitIr }, note: 'Must show the same face as the main portrait.' }, fromTruth('ghost'));
  // The signature is written by the holder with any pen: no ink expectation under IR or UV.
  add({ id: 'signature', kind: 'signature', label: "Holder's signature", personal: true, expect: {} }, fromTruth('signature'));
  add(
    {
      id: 'mrz',
      kind: 'mrz',
      label: 'Machine readable zone',
      personal: true,
      expect: { ir: 'visible' },
      note: 'Printed in B900-absorbing ink (ICAO 9303 Part 2): must stay dark under infrared.',
    },
    fromTruth('mrz'),
  );

  for (const row of design.rows) {
    for (const field of row) {
      const zone: Omit<ReferenceZone, 'box'> = {
        id: `field-${kebab(field)}`,
        kind: 'field',
        label: FIELD_LABELS[field],
        personal: true,
        expect: { ir: irFields.has(field) ? 'visible' : 'invisible' },
      };
      if (MRZ_FIELDS.has(field)) zone.field = field;
      add(zone, fieldSlotBox(layout, field, truth));
    }
  }

  add({ id: 'ir-mrz', kind: 'ir-feature', label: 'MRZ in B900-absorbing ink', personal: true, expect: { ir: 'visible' } }, fromTruth('ir-mrz'));
  for (const field of design.ir.fields) {
    add(
      { id: `ir-${kebab(field)}`, kind: 'ir-feature', label: `${FIELD_LABELS[field]} in IR-absorbing ink`, personal: true, expect: { ir: 'visible' } },
      fieldSlotBox(layout, field, truth),
    );
  }
  if (design.ir.portrait) {
    add({ id: 'ir-photo', kind: 'ir-feature', label: 'Portrait in carbon-based print', personal: true, expect: { ir: 'visible' } }, fromTruth('ir-photo'));
    if (design.ghost) add({ id: 'ir-ghost', kind: 'ir-feature', label: 'Ghost portrait in carbon-based print', personal: true, expect: { ir: 'visible' } }, fromTruth('ir-ghost'));
  }
  add(
    {
      id: 'ir-band',
      kind: 'ir-feature',
      label: 'Guilloche band in IR-absorbing ink',
      personal: false,
      expect: { ir: 'visible', white: { fixedPattern: true } },
      note: 'Only this band of the background print absorbs in IR; the rest of the guilloche drops out.',
    },
    fromTruth('ir-band'),
  );

  const { emblem, emblem2, numberInk } = design.uv;
  add(
    {
      id: 'uv-emblem',
      kind: 'uv-feature',
      label: `Fluorescent emblem (${emblem.name})`,
      personal: false,
      expect: { uv: { fluoresces: true, colour: emblem.colour, fixedPattern: true } },
      note: 'Invisible in white light; under UV the rosette lines must be sharp and continuous.',
    },
    fromTruth('uv-emblem'),
  );
  if (emblem2) {
    add(
      {
        id: 'uv-emblem-2',
        kind: 'uv-feature',
        label: `Fluorescent emblem over the portrait (${emblem2.name})`,
        personal: false,
        expect: { uv: { fluoresces: true, colour: emblem2.colour, fixedPattern: true } },
        note: 'Overlaps the portrait: a substituted photo interrupts this emblem.',
      },
      fromTruth('uv-emblem-2'),
    );
  }
  if (numberInk) {
    add(
      { id: 'uv-number', kind: 'uv-feature', label: `Document number in fluorescent ink (${numberInk.name})`, personal: true, expect: { uv: { fluoresces: true, colour: numberInk.colour, fixedPattern: false } } },
      fromTruth('uv-number'),
    );
  }

  const cls: DocumentClass = {
    schema: REFERENCE_SCHEMA,
    id: design.id,
    issuer: null,
    documentType: `${design.title.charAt(0)}${design.title.slice(1).toLowerCase()} (specimen design ${design.id})`,
    documentCodes: [...design.documentCodes],
    series: SPECIMEN_CLASS_SERIES,
    validFrom: SPECIMEN_CLASS_VALID_FROM,
    validTo: null,
    format: design.format,
    size: { widthMm: truth.page.widthMm, heightMm: truth.page.heightMm },
    dpi: truth.dpi,
    images: { white: 'white.png', ir: 'ir.png', uv: 'uv.png' },
    zones,
    status: 'active',
    version: 1,
    updatedAt: SPECIMEN_CLASS_UPDATED_AT,
    author: 'Loupe specimen generator',
  };
  if (design.uv.fibreCount > 0 && design.uv.fibres.length > 0) cls.uvFibres = { colours: design.uv.fibres.map((f) => f.colour), perPage: design.uv.fibreCount };
  return cls;
}
