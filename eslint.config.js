// Import boundaries between processes (docs/ARCHITECTURE.md §1) are enforced here,
// together with the separate type-checks (tsconfig.node.json / tsconfig.renderer.json).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
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
