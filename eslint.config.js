// Import boundaries between processes (docs/ARCHITECTURE.md §1) are enforced here,
// together with the separate type-checks (tsconfig.node.json / tsconfig.renderer.json).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

// ── Domains and applications (docs/ARCHITECTURE.md, "Domains and applications") ──────────────────
// A domain holds the product's knowledge: it imports `contract/`, `common/` and the domains below
// it (listed here), never an application. Applications put domains to work; nothing imports an
// application. Composition (`services/`) wires domains for the desktop app and the loopback host.
const DOMAINS = {
  imaging: [],
  mrz: ['imaging'],
  chip: [],
  trust: ['store', 'chip'],
  reference: ['imaging', 'trust'],
  identify: ['imaging', 'reference'],
  checks: ['imaging', 'mrz', 'reference', 'identify'],
  learning: ['imaging', 'mrz', 'reference', 'identify', 'checks'],
  face: ['imaging', 'mrz', 'reference', 'identify', 'checks', 'examination'],
  store: [],
  session: [],
  report: ['imaging'],
  // The bridge's chip readers serve the chip domain's ApduTransport (electron/devices/bridge-apdu-transport.ts).
  devices: ['native', 'chip'],
  examination: ['imaging', 'mrz', 'reference', 'identify', 'checks', 'store', 'native'],
  exchange: ['trust'],
  trends: ['imaging', 'identify', 'checks', 'reference', 'store', 'exchange', 'trust'],
  // The chip in the examination: reads through the devices domain, checks against the trust store,
  // reports through the check registry and the examination records.
  'chip-inspection': ['chip', 'checks', 'trust', 'devices', 'examination'],
  audit: ['store', 'trust'],
};
// A domain that may reach a domain below it through one file only.
const NARROW = {
  face: [{ domain: 'examination', file: 'examination-records', message: 'The face domain reaches examinations only through ExaminationRecords (examination/examination-records.ts).' }],
  'chip-inspection': [{ domain: 'examination', file: 'examination-records', message: 'The chip inspection reaches examinations only through ExaminationRecords (examination/examination-records.ts).' }],
};
// Applications, by folder (the desktop app is main + preload + desktop); tools are applications too.
const APPLICATIONS = {
  desktop: ['main', 'preload', 'desktop'],
  host: ['host'],
  cli: ['cli'],
  hub: ['hub'],
  tools: ['specimens'],
};
const COMPOSITION = 'services';
const APP_FOLDERS = Object.values(APPLICATIONS).flat();
const folderPatterns = (folder) => (folder === 'native' ? ['**/native/**'] : [`**/electron/${folder}`, `**/electron/${folder}/**`, `../${folder}`, `../${folder}/**`, `../../${folder}`, `../../${folder}/**`]);
const wall = (folders, message) => (folders.length ? [{ group: folders.flatMap(folderPatterns), message }] : []);

function domainZones() {
  return Object.entries(DOMAINS).map(([domain, below]) => {
    const otherDomains = [...Object.keys(DOMAINS), 'native'].filter((d) => d !== domain && !below.includes(d));
    return {
      files: [`electron/${domain}/**/*.ts`],
      rules: {
        'no-restricted-imports': ['error', {
          paths: [{ name: 'electron', message: "Only electron/main and electron/preload may import 'electron'." }],
          patterns: [
            { group: ['**/renderer/**'], message: 'The Node side never imports the renderer.' },
            ...wall(APP_FOLDERS, `The ${domain} domain never imports an application (docs/ARCHITECTURE.md).`),
            ...wall([COMPOSITION], `The ${domain} domain never imports the composition root.`),
            ...wall(otherDomains, `The ${domain} domain imports only contract/, common/ and the domains below it: ${below.join(', ') || 'none'}.`),
            ...(NARROW[domain] ?? []).map(({ domain: d, file, message }) => ({ group: [`**/${d}/*`, `!**/${d}/${file}`], message })),
          ],
        }],
      },
    };
  });
}

function applicationZones() {
  return Object.entries(APPLICATIONS).map(([app, folders]) => {
    const others = APP_FOLDERS.filter((f) => !folders.includes(f));
    const mayCompose = app === 'desktop' || app === 'host';
    return {
      files: folders.map((f) => `electron/${f}/**/*.ts`),
      rules: {
        'no-restricted-imports': ['error', {
          paths: app === 'desktop' ? [] : [{ name: 'electron', message: "Only electron/main and electron/preload may import 'electron'." }],
          patterns: [
            { group: ['**/renderer/**'], message: 'The Node side never imports the renderer.' },
            ...wall(others, `Nothing imports an application: the ${app} application may start another one (a child process), never import it.`),
            ...(mayCompose ? [] : wall([COMPOSITION], `Only the desktop app and the loopback host use the composition root.`)),
          ],
        }],
      },
    };
  });
}

function layerZones() {
  return [
    {
      // common/ sits under every domain: it imports only the contract.
      files: ['electron/common/**/*.ts'],
      rules: {
        'no-restricted-imports': ['error', {
          paths: [{ name: 'electron', message: "Only electron/main and electron/preload may import 'electron'." }],
          patterns: [
            { group: ['**/renderer/**'], message: 'The Node side never imports the renderer.' },
            ...wall([...Object.keys(DOMAINS), ...APP_FOLDERS, COMPOSITION, 'native'], 'common/ imports only the contract and itself.'),
          ],
        }],
      },
    },
    {
      // The composition root wires domains (and the virtual scanner's specimens); it imports no application.
      files: [`electron/${COMPOSITION}/**/*.ts`],
      rules: {
        'no-restricted-imports': ['error', {
          paths: [{ name: 'electron', message: "Only electron/main and electron/preload may import 'electron'." }],
          patterns: [
            { group: ['**/renderer/**'], message: 'The Node side never imports the renderer.' },
            ...wall(APP_FOLDERS.filter((f) => f !== 'specimens'), 'The composition root imports no application.'),
          ],
        }],
      },
    },
  ];
}
const nodeOnlyPackages = ['better-sqlite3', 'sharp', 'tesseract.js', 'serialport', 'usb', 'electron', '@tensorflow/tfjs', '@tensorflow/tfjs-backend-wasm', '@vladmandic/face-api'];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'out/**', '.cache/**', '.dev/**', 'assets/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // Only the main process and the preload script may talk to Electron.
    files: ['electron/**/*.ts', 'native/**/*.ts', 'test/**/*.ts', 'scripts/**/*.ts'],
    ignores: ['electron/main/**', 'electron/preload/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: "Only electron/main and electron/preload may import 'electron'." }],
        patterns: [{ group: ['**/renderer/**'], message: 'The Node side never imports the renderer.' }],
      }],
    },
  },
  ...domainZones(),
  ...applicationZones(),
  ...layerZones(),
  {
    // The catalog test reads every surface's message catalogs as data, the renderer's included
    // (plain objects of strings: nothing of the browser comes with them).
    files: ['test/unit/contract/i18n-catalogs.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: "Only electron/main and electron/preload may import 'electron'." }],
        patterns: [{ group: ['**/renderer/*', '!**/renderer/i18n', '**/renderer/i18n/*', '!**/renderer/i18n/en'], message: 'The Node side never imports the renderer (its English catalog excepted, here).' }],
      }],
    },
  },
  {
    // The contract is shared by the renderer and the Node side: pure TypeScript, no Node, no DOM.
    files: ['electron/contract/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [...nodeBuiltins, ...nodeOnlyPackages].map((name) => ({ name, message: 'The contract is pure: no Node modules.' })),
        patterns: [{ group: ['../*', '!../contract/**'], message: 'The contract imports nothing from the services.' }],
      }],
    },
  },
  {
    // The renderer is a sandboxed browser page: DOM only, services reached through window.loupe.
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', {
        paths: [...nodeBuiltins, ...nodeOnlyPackages].map((name) => ({ name, message: 'The renderer has no Node: use window.loupe.' })),
        patterns: [
          { group: ['**/electron/*', '!**/electron/contract', '!**/electron/contract/**'], message: 'The renderer may import only electron/contract.' },
          { group: ['**/native/**'], message: 'The renderer never imports device drivers.' },
        ],
      }],
    },
  },
  {
    // The hub dashboard page: browser code the hub bundles when serving it (tsconfig.dashboard.json).
    // It takes only types from the hub (its answers) and values only from electron/contract;
    // echarts is the global loaded before it.
    files: ['electron/hub/dashboard/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        paths: nodeBuiltins.map((name) => ({ name, message: 'The dashboard page runs in a browser: no Node modules.' })),
        patterns: [
          { regex: '^\\.\\./(?!\\.\\./contract/)', allowTypeImports: true, message: 'The dashboard page imports only types from the hub, and values from electron/contract.' },
          { regex: '^[^.]', allowTypeImports: true, message: 'The dashboard page bundles no package (echarts is a global): import types only.' },
        ],
      }],
      // Its type-check knows Node's types (for the hub modules it takes types from); the browser has none of these.
      'no-restricted-globals': ['error', ...['process', 'Buffer', 'require', 'global', '__dirname', '__filename', 'setImmediate'].map((name) => ({ name, message: 'The dashboard page runs in a browser: no Node globals.' }))],
    },
  },
);
