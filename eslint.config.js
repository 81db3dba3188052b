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
    // The hub dashboard: a plain browser script served as a static file, echarts loaded before it.
    files: ['electron/hub/dashboard/**/*.js'],
    languageOptions: { sourceType: 'script', globals: { ...globals.browser, echarts: 'readonly' } },
  },
);
