// Every catalog of every surface (the workstation's areas, the report, the hub dashboard): each key
// defined once across all of them, each key used by its surface's code, and each message's
// placeholders well formed and filled by the parameters its type declares.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DeviceStateSchema } from '../../../electron/contract/device.contract';
import { CheckStatusSchema, DECISION_VERDICTS, FindingReviewInputSchema, LAYERS, NEXT_STEP_KEYS, VERDICT_HEADLINES, VERDICT_LEVELS } from '../../../electron/contract/examination.contract';
import { FACE_BANDS, FACE_FEATURES, FaceConclusionSchema, FeatureMarkSchema, PORTRAIT_KINDS } from '../../../electron/contract/face.contract';
import { HUB_SYNC_FAULTS } from '../../../electron/contract/hub-sync.contract';
import { formatMessage, placeholderNames, type Catalog } from '../../../electron/contract/i18n';
import { LearningStepSchema, ReferenceSummarySchema, ZoneExpectationSchema } from '../../../electron/contract/reference.contract';
import { LIGHTS } from '../../../electron/contract/capture.contract';
import { dashboardMessages } from '../../../electron/hub/dashboard/dashboard.en';
import { reportMessages } from '../../../electron/report/report.en';
import { CHIP_KEY_SOURCES, CHIP_NOT_READ_REASONS } from '../../../electron/contract/chip-examination.contract';
import { DataGroupHashCheckSchema } from '../../../electron/contract/chip.contract';
import { enAreas } from '../../../renderer/i18n/en';

const ROOT = join(import.meta.dirname, '../../..');

/**
 * Values a key is built from in code (t(`status.${s}`)), by key prefix: every such prefix in a
 * surface's code is listed here, with the closed set it takes its values from. `typeOnly`: the set
 * is a type without a list at run time; the type-check then holds it (a key per member).
 */
type BuiltKeys = Readonly<Record<string, readonly string[] | 'typeOnly'>>;

interface Surface {
  name: string;
  areas: Readonly<Record<string, Catalog>>;
  /** Where the surface's code is, and the catalog files to leave out of the search. */
  codeDir: string;
  catalogFiles: RegExp;
  builtKeys: BuiltKeys;
}

const reviewVerdicts = FindingReviewInputSchema.shape.verdict.options;
const faceKeys = (prefix: string): BuiltKeys => ({
  [`${prefix}kind.`]: PORTRAIT_KINDS,
  [`${prefix}band.`]: FACE_BANDS,
  [`${prefix}feature.`]: FACE_FEATURES,
  [`${prefix}mark.`]: FeatureMarkSchema.options,
  [`${prefix}conclusion.`]: FaceConclusionSchema.options,
});

const SURFACES: Surface[] = [
  {
    name: 'workstation',
    areas: enAreas,
    codeDir: 'renderer',
    catalogFiles: /^renderer\/i18n\//,
    builtKeys: {
      'device.state.': DeviceStateSchema.options,
      'devices.hint.': DeviceStateSchema.options,
      'decision.': DECISION_VERDICTS,
      'layer.': LAYERS,
      'status.': CheckStatusSchema.options,
      'review.': reviewVerdicts,
      'viewer.light.': LIGHTS,
      'reference.source.': ReferenceSummarySchema.shape.source.options,
      'reference.status.': ReferenceSummarySchema.shape.status.options,
      'calibration.action.': LearningStepSchema.shape.action.options,
      'zone.ir.': ZoneExpectationSchema.shape.ir.unwrap().options,
      'hub.fault.': HUB_SYNC_FAULTS,
      'verdict.level.': VERDICT_HEADLINES,
      'decision.versionBasis.': VERDICT_LEVELS,
      'procedure.for.': NEXT_STEP_KEYS,
      'unsaved.item.': 'typeOnly',
      ...faceKeys('face.'),
    },
  },
  {
    name: 'report',
    areas: { report: reportMessages },
    codeDir: 'electron/report',
    catalogFiles: /\.en\.ts$/,
    builtKeys: {
      'report.verdict.': DECISION_VERDICTS,
      'report.layer.': LAYERS,
      'report.status.': CheckStatusSchema.options,
      'report.review.': reviewVerdicts,
      'report.light.': LIGHTS,
      'report.level.': VERDICT_HEADLINES,
      'report.levelShort.': VERDICT_LEVELS,
      ...faceKeys('report.face.'),
      'report.chip.reason.': CHIP_NOT_READ_REASONS,
      'report.chip.key.': CHIP_KEY_SOURCES,
      'report.chip.hash.': DataGroupHashCheckSchema.shape.status.options,
    },
  },
  { name: 'hub dashboard', areas: { dashboard: dashboardMessages }, codeDir: 'electron/hub/dashboard', catalogFiles: /\.en\.ts$/, builtKeys: {} },
];

function code(surface: Surface): string {
  return readdirSync(join(ROOT, surface.codeDir), { recursive: true, encoding: 'utf8' })
    .map((file) => join(surface.codeDir, file).split('\\').join('/'))
    .filter((file) => /\.(ts|tsx|html)$/.test(file) && !surface.catalogFiles.test(file))
    .map((file) => readFileSync(join(ROOT, file), 'utf8'))
    .join('\n');
}

/** The start of every key the code builds from a value: t(`status.${s}`) → 'status.'. */
function builtKeyPrefixes(text: string): Set<string> {
  return new Set(Array.from(text.matchAll(/`([A-Za-z][\w-]*(?:\.[\w-]+)*\.)\$\{/g), (m) => m[1] ?? ''));
}

/** Named in the code as a string, or built from a listed prefix and one of its values. */
function isUsed(key: string, text: string, builtKeys: BuiltKeys): boolean {
  if (text.includes(`'${key}'`) || text.includes(`"${key}"`)) return true;
  return Object.entries(builtKeys).some(([prefix, values]) => key.startsWith(prefix) && (values === 'typeOnly' || values.includes(key.slice(prefix.length))));
}

const entries = (surface: Surface) => Object.entries(surface.areas).flatMap(([area, catalog]) => Object.entries(catalog).map(([key, message]) => ({ area, key, message })));

describe('message catalogs', () => {
  it('define each key in one area only, across every surface', () => {
    const owners = new Map<string, string[]>();
    for (const surface of SURFACES) for (const { area, key } of entries(surface)) owners.set(key, [...(owners.get(key) ?? []), `${surface.name}/${area}`]);
    expect([...owners].filter(([, areas]) => areas.length > 1)).toEqual([]);
    // Keys carry their surface's prefix where one catalog serves the whole surface.
    for (const key of Object.keys(reportMessages)) expect(key).toMatch(/^report\./);
    for (const key of Object.keys(dashboardMessages)) expect(key).toMatch(/^dashboard\./);
  });

  for (const surface of SURFACES) {
    describe(surface.name, () => {
      const text = code(surface);
      const prefixes = builtKeyPrefixes(text);

      it('uses every key in its code, by name or built from a listed set of values', () => {
        const unused = entries(surface).filter(({ key }) => !isUsed(key, text, surface.builtKeys));
        expect(unused.map(({ area, key }) => `${area}: ${key}`)).toEqual([]);
      });

      it('lists every prefix its code builds keys from, and nothing else', () => {
        expect([...prefixes].sort()).toEqual(Object.keys(surface.builtKeys).sort());
      });

      it('has a key for every value a listed prefix is built from', () => {
        const keys = new Set(entries(surface).map(({ key }) => key));
        for (const [prefix, values] of Object.entries(surface.builtKeys)) {
          if (values === 'typeOnly') expect([...keys].some((k) => k.startsWith(prefix)), prefix).toBe(true);
          else for (const value of values) expect(keys.has(`${prefix}${value}`), `${prefix}${value}`).toBe(true);
        }
      });

      it('writes braces only as {name} placeholders', () => {
        for (const { key, message } of entries(surface)) expect(message.replace(/\{\w+\}/g, ''), key).not.toMatch(/[{}]/);
      });

      it('fills every placeholder from the parameters the message declares', () => {
        for (const { key, message } of entries(surface)) {
          const params = Object.fromEntries(placeholderNames(message).map((name) => [name, `‹${name}›`]));
          const filled = formatMessage(message, params);
          expect(filled, key).not.toMatch(/\{\w+\}/);
          for (const value of Object.values(params)) expect(filled, key).toContain(value);
          expect(filled.trim(), key).not.toBe('');
        }
      });
    });
  }

  it('finds the surfaces’ code (a moved folder would make every key look unused)', () => {
    expect(code(SURFACES[0]!)).toContain("t('app.title')");
    expect(code(SURFACES[1]!)).toContain("t('report.title')");
    expect(code(SURFACES[2]!)).toContain('data-i18n="dashboard.title"');
  });
});
