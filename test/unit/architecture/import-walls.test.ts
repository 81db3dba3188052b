// The walls between domains and applications (docs/ARCHITECTURE.md, "Domains and applications"),
// proven by linting forbidden and allowed imports with the project's own ESLint configuration: a
// domain imports contract/, common/ and the domains below it; nothing imports an application; the
// renderer imports only the contract.
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const eslint = new ESLint({ cwd: root });

/** The import-wall messages ESLint gives for one import written in `file` (which need not exist). */
async function walls(file: string, from: string): Promise<string[]> {
  const code = `import { x } from '${from}';\nexport const y = x;\n`;
  const [result] = await eslint.lintText(code, { filePath: `${root}/${file}` });
  return (result?.messages ?? []).filter((m) => m.ruleId?.endsWith('no-restricted-imports')).map((m) => m.message);
}

const forbidden: [string, string, RegExp][] = [
  // Domains never import an application, the composition root, or a domain above them.
  ['electron/mrz/probe.ts', '../cli/main-entry', /never imports an application/],
  ['electron/mrz/probe.ts', '../host/host-server', /never imports an application/],
  ['electron/trends/probe.ts', '../hub/hub-store', /never imports an application/],
  ['electron/checks/generic/probe.ts', '../../specimens/specimen-generator', /never imports an application/],
  ['electron/examination/probe.ts', '../services/create-services', /never imports the composition root/],
  ['electron/imaging/probe.ts', '../mrz/mrz-types', /imports only contract\/, common\/ and the domains below it/],
  ['electron/identify/probe.ts', '../checks/check-input', /domains below it: imaging, reference/],
  ['electron/exchange/probe.ts', '../trends/trend-store', /domains below it: trust/],
  ['electron/store/probe.ts', '../examination/examination.service', /domains below it: none/],
  // The trust store reads certificates with the chip domain's decoders; the chip never reaches up to it,
  // nor to the MRZ domain's state table (passed in by the composition).
  ['electron/chip/pki/probe.ts', '../../trust/csca-trust-store', /domains below it: none/],
  ['electron/trust/probe.ts', '../mrz/mrz-states', /domains below it: store, chip/],
  ['electron/mrz/probe.ts', '../../native/bridge-client', /domains below it/],
  ['electron/mrz/probe.ts', '../../renderer/app/workstation', /never imports the renderer/],
  // Applications never import each other.
  ['electron/cli/probe.ts', '../hub/hub.command', /Nothing imports an application/],
  ['electron/cli/commands/probe.ts', '../../host/host-server', /Nothing imports an application/],
  ['electron/hub/probe.ts', '../cli/main-entry', /Nothing imports an application/],
  ['electron/host/probe.ts', '../main/main', /Nothing imports an application/],
  ['electron/cli/probe.ts', '../specimens/specimen-generator', /Nothing imports an application/],
  ['electron/cli/probe.ts', '../services/create-services', /Only the desktop app and the loopback host/],
  // common/ and the composition root.
  ['electron/common/probe.ts', '../mrz/mrz-types', /common\/ imports only the contract/],
  ['electron/services/probe.ts', '../cli/main-entry', /composition root imports no application/],
  // The contract is pure; the renderer reaches the Node side only through it.
  ['electron/contract/probe.ts', 'node:fs', /no Node modules/],
  ['electron/contract/probe.ts', '../mrz/mrz-types', /imports nothing from the services/],
  ['renderer/app/probe.tsx', '../../electron/mrz/mrz-types', /may import only electron\/contract/],
  ['renderer/app/probe.tsx', 'node:fs', /renderer has no Node/],
];

const allowed: [string, string][] = [
  ['electron/mrz/probe.ts', '../imaging/grey-image'],
  ['electron/mrz/probe.ts', '../common/loupe-error'],
  ['electron/mrz/probe.ts', '../contract/mrz.contract'],
  ['electron/checks/generic/probe.ts', '../../identify/align'],
  ['electron/trends/probe.ts', '../exchange/bundle-codec'],
  ['electron/trust/probe.ts', '../chip/pki/trust-anchors'],
  ['electron/examination/probe.ts', '../../native/bridge-client'],
  ['electron/host/probe.ts', '../services/create-services'],
  ['electron/main/probe.ts', '../desktop/app-origin'],
  ['electron/hub/probe.ts', '../exchange/bundle-decode-pool'],
  ['electron/cli/probe.ts', '../trends/trend-store'],
  ['electron/services/probe.ts', '../specimens/portrait-specimens'],
  ['renderer/app/probe.tsx', '../../electron/contract/api.contract'],
];

describe('import walls', () => {
  it.each(forbidden)('%s may not import %s', async (file, from, message) => {
    const found = await walls(file, from);
    expect(found.length, `no wall stopped ${from} in ${file}`).toBeGreaterThan(0);
    expect(found.join('\n')).toMatch(message);
  });

  it.each(allowed)('%s may import %s', async (file, from) => {
    expect(await walls(file, from)).toEqual([]);
  });
});
