// The specimen document designs. A design fixes everything a reference library would learn about
// a document class: page size, layout, background print, which zones absorb in the B900 infrared
// band and which features fluoresce under 365 nm UV (ICAO 9303 Part 2 inspection model). The
// personal data and the fluorescent fibres change per document; the design does not.
import type { MrzFormat } from '../contract/mrz.contract';
import { LoupeError } from '../common/loupe-error';

export type VizField =
  | 'type'
  | 'code'
  | 'documentNumber'
  | 'surname'
  | 'givenNames'
  | 'nationality'
  | 'birthDate'
  | 'sex'
  | 'placeOfBirth'
  | 'issueDate'
  | 'authority'
  | 'expiryDate'
  | 'entries'
  | 'duration';

export interface UvInk {
  /** Colour of the fluorescence seen under 365 nm, as an sRGB hex. */
  colour: string;
  name: string;
}

export interface SpecimenDesign {
  id: string;
  format: MrzFormat;
  title: string;
  subtitle: string;
  /** Document codes (two MRZ characters), the first one the usual. */
  documentCodes: readonly string[];
  palette: { paper: string; pattern: readonly [string, string, string]; header: string; label: string; portraitBg: string };
  pattern: 'rosette' | 'waves';
  portraitSide: 'left' | 'right';
  ghost: boolean;
  /** VIZ fields row by row, in reading order. */
  rows: readonly (readonly VizField[])[];
  /** Zones printed in IR-absorbing (carbon) ink: they stay dark under B900 light. The MRZ always does. */
  ir: { fields: readonly VizField[]; portrait: boolean; patternBand: boolean };
  uv: { emblem: UvInk; emblem2: UvInk | null; fibres: readonly UvInk[]; fibreCount: number; numberInk: UvInk | null };
}

const YELLOW_GREEN: UvInk = { colour: '#d9ff5a', name: 'yellow-green' };
const BLUE: UvInk = { colour: '#58b8ff', name: 'blue' };
const RED: UvInk = { colour: '#ff4f6e', name: 'red' };
const ORANGE: UvInk = { colour: '#ffa040', name: 'orange' };
const GREEN: UvInk = { colour: '#60ff9a', name: 'green' };

const PASSPORT_ROWS: readonly (readonly VizField[])[] = [
  ['type', 'code', 'documentNumber'],
  ['surname'],
  ['givenNames'],
  ['nationality'],
  ['birthDate', 'sex', 'placeOfBirth'],
  ['issueDate', 'authority'],
  ['expiryDate'],
];

export const SPECIMEN_DESIGNS: readonly SpecimenDesign[] = [
  {
    id: 'aurora-td3',
    format: 'TD3',
    title: 'PASSPORT',
    subtitle: 'PASSEPORT · PASAPORTE',
    documentCodes: ['P<', 'PD', 'PO', 'PS'],
    palette: { paper: '#f6f4ea', pattern: ['#bfe0dc', '#d9cbe8', '#e8dcc0'], header: '#1f4e79', label: '#3b6b8a', portraitBg: '#dfe6ec' },
    pattern: 'rosette',
    portraitSide: 'left',
    ghost: true,
    rows: PASSPORT_ROWS,
    ir: { fields: ['documentNumber'], portrait: true, patternBand: false },
    uv: { emblem: YELLOW_GREEN, emblem2: BLUE, fibres: [RED, BLUE, YELLOW_GREEN], fibreCount: 45, numberInk: ORANGE },
  },
  {
    id: 'meridian-td3',
    format: 'TD3',
    title: 'PASSPORT',
    subtitle: 'REISEPASS · PASSAPORTO',
    documentCodes: ['P<', 'PD'],
    palette: { paper: '#f8f1ee', pattern: ['#efc9c0', '#d8d2a6', '#c8d4ec'], header: '#7a2430', label: '#8a4a3a', portraitBg: '#e9e2de' },
    pattern: 'waves',
    portraitSide: 'left',
    ghost: false,
    rows: PASSPORT_ROWS,
    ir: { fields: ['documentNumber', 'surname', 'birthDate'], portrait: false, patternBand: true },
    uv: { emblem: RED, emblem2: null, fibres: [BLUE, YELLOW_GREEN], fibreCount: 35, numberInk: null },
  },
  {
    id: 'harbor-td1',
    format: 'TD1',
    title: 'IDENTITY CARD',
    subtitle: "CARTE D'IDENTITÉ",
    documentCodes: ['ID', 'I<', 'IR'],
    palette: { paper: '#eef4f6', pattern: ['#b8d8e6', '#cfe5c8', '#e6d3e8'], header: '#0f5a6e', label: '#2f6f7f', portraitBg: '#dde8ee' },
    pattern: 'rosette',
    portraitSide: 'left',
    ghost: true,
    rows: [['surname'], ['givenNames'], ['birthDate', 'sex'], ['nationality', 'documentNumber'], ['expiryDate', 'placeOfBirth']],
    ir: { fields: ['documentNumber', 'surname'], portrait: true, patternBand: false },
    uv: { emblem: GREEN, emblem2: RED, fibres: [], fibreCount: 0, numberInk: null },
  },
  {
    id: 'delta-td2',
    format: 'TD2',
    title: 'TRAVEL DOCUMENT',
    subtitle: 'DOCUMENT DE VOYAGE',
    documentCodes: ['I<', 'ID', 'AC'],
    palette: { paper: '#f5f2e8', pattern: ['#e6d3a8', '#c6dcc6', '#d6cbe6'], header: '#5a4a12', label: '#76622a', portraitBg: '#e6e2d8' },
    pattern: 'waves',
    portraitSide: 'right',
    ghost: false,
    rows: [['type', 'code', 'documentNumber'], ['surname'], ['givenNames'], ['nationality', 'sex'], ['birthDate', 'placeOfBirth'], ['issueDate', 'expiryDate']],
    ir: { fields: ['documentNumber', 'surname', 'givenNames'], portrait: true, patternBand: false },
    uv: { emblem: RED, emblem2: null, fibres: [RED, BLUE], fibreCount: 30, numberInk: YELLOW_GREEN },
  },
  {
    id: 'sentinel-mrva',
    format: 'MRVA',
    title: 'VISA',
    subtitle: 'VISUM · VISADO',
    documentCodes: ['V<', 'VD'],
    palette: { paper: '#f1f6ee', pattern: ['#c4e0c0', '#e6d8b8', '#c8d0ea'], header: '#2d5a27', label: '#4a7a3a', portraitBg: '#e2e8e0' },
    pattern: 'rosette',
    portraitSide: 'left',
    ghost: false,
    rows: [['code', 'documentNumber', 'entries'], ['surname'], ['givenNames'], ['nationality', 'birthDate', 'sex'], ['issueDate', 'expiryDate', 'duration'], ['authority']],
    ir: { fields: ['documentNumber'], portrait: true, patternBand: false },
    uv: { emblem: YELLOW_GREEN, emblem2: null, fibres: [RED, YELLOW_GREEN], fibreCount: 25, numberInk: ORANGE },
  },
  {
    id: 'sentinel-mrvb',
    format: 'MRVB',
    title: 'VISA',
    subtitle: 'VISUM · VISADO',
    documentCodes: ['V<', 'VD'],
    palette: { paper: '#f1f6ee', pattern: ['#c4e0c0', '#e6d8b8', '#c8d0ea'], header: '#2d5a27', label: '#4a7a3a', portraitBg: '#e2e8e0' },
    pattern: 'rosette',
    portraitSide: 'left',
    ghost: false,
    rows: [['code', 'documentNumber', 'entries'], ['surname'], ['givenNames'], ['nationality', 'birthDate', 'sex'], ['issueDate', 'expiryDate', 'duration']],
    ir: { fields: ['documentNumber'], portrait: true, patternBand: false },
    uv: { emblem: YELLOW_GREEN, emblem2: null, fibres: [RED, YELLOW_GREEN], fibreCount: 20, numberInk: null },
  },
];

export function designsForFormat(format: MrzFormat): SpecimenDesign[] {
  return SPECIMEN_DESIGNS.filter((d) => d.format === format);
}

export function designById(id: string): SpecimenDesign {
  const design = SPECIMEN_DESIGNS.find((d) => d.id === id);
  if (!design) throw new LoupeError('common', 'InvalidInput', `unknown specimen design '${id}'`);
  return design;
}
