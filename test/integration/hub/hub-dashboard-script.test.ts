// The dashboard page's script as the hub serves it: bundled from TypeScript by esbuild on the first
// request into one classic script (no import/export, nothing of Node or zod), under the security
// headers, then the same bytes from memory; a script that does not build answers 500 and is logged,
// and the next request tries again.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FRAUD_TYPES } from '../../../electron/contract/fraud-types.contract';
import { SECURITY_HEADERS } from '../../../electron/common/http-security';
import { startHubServer, type HubServerOptions } from '../../../electron/hub/hub-server';
import { useHubStores } from '../../helpers/hub-stores';
import { useTempDir } from '../../helpers/temp-dir';

const open = useHubStores('sqlite');
const dir = useTempDir('loupe-hub-dashboard-');

async function get(url: string): Promise<{ status: number; type: string | null; headers: Headers; bytes: Buffer }> {
  const res = await fetch(url);
  return { status: res.status, type: res.headers.get('content-type'), headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

async function withHub<T>(options: Omit<HubServerOptions, 'store'>, run: (url: string) => Promise<T>): Promise<T> {
  const server = await startHubServer({ store: await open(), ...options });
  try {
    return await run(server.url);
  } finally {
    await server.close();
  }
}

describe('hub dashboard script', () => {
  it('serves dashboard.ts bundled into one classic script with the security headers, then from memory', async () => {
    await withHub({}, async (url) => {
      const first = await get(`${url}/dashboard.js`);
      expect(first.status).toBe(200);
      expect(first.type).toBe('text/javascript; charset=utf-8');
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(first.headers.get(name), name).toBe(value);
      const text = first.bytes.toString('utf8');
      // An IIFE: no module syntax left, so a plain <script src> runs it.
      expect(text).toMatch(/^"use strict";\n\(\(\) => \{|^\(\(\) => \{/);
      expect(text).not.toMatch(/^\s*(import|export)\b/m);
      expect(text).not.toMatch(/\bimport\s*\(/);
      // The page's own code and the taxonomy shared with the contract, in readable UTF-8.
      expect(text).toContain('Loupe hub — fraud trends');
      for (const f of FRAUD_TYPES) expect(text).toContain(`"${f}"`);
      expect(text).toContain('echarts.init(');
      // Nothing the CSP forbids, and no schema library or Node module pulled in through an import.
      expect(text).not.toMatch(/\beval\(|new Function\(/);
      expect(text).not.toMatch(/zod|require\(/);
      expect(first.bytes.length).toBeLessThan(40_000);

      const second = await get(`${url}/dashboard.js`);
      expect(second.status).toBe(200);
      expect(second.bytes.equals(first.bytes)).toBe(true);
    });
  });

  it('builds the script once per hub: a changed source is not rebuilt while the hub runs', async () => {
    const entry = join(dir, 'cached-page.ts');
    writeFileSync(entry, "const version: string = 'first';\ndocument.title = version;\n");
    await withHub({ dashboardScriptEntry: entry }, async (url) => {
      const first = await get(`${url}/dashboard.js`);
      expect(first.bytes.toString('utf8')).toContain('"first"');
      writeFileSync(entry, "const version: string = 'second';\ndocument.title = version;\n");
      const second = await get(`${url}/dashboard.js`);
      expect(second.bytes.equals(first.bytes)).toBe(true);
    });
  });

  it('answers 500 with a plain message and logs why when the script does not build, then retries', async () => {
    const entry = join(dir, 'broken-page.ts');
    writeFileSync(entry, "const n: number = ;\ndocument.title = String(n);\n");
    const logged: { path: string; message: string }[] = [];
    const onDashboardError = (path: string, error: unknown) => logged.push({ path, message: error instanceof Error ? error.message : String(error) });
    await withHub({ dashboardScriptEntry: entry, onDashboardError }, async (url) => {
      const failed = await get(`${url}/dashboard.js`);
      expect(failed.status).toBe(500);
      expect(failed.type).toBe('application/json; charset=utf-8');
      expect(JSON.parse(failed.bytes.toString('utf8'))).toEqual({ error: { fault: 'dashboard-unavailable', message: "the dashboard file /dashboard.js could not be prepared; the hub's log says why" } });
      expect(logged).toHaveLength(1);
      expect(logged[0]!.path).toBe('/dashboard.js');
      expect(logged[0]!.message).toContain(`${entry}:1:`);
      expect(logged[0]!.message).toMatch(/Unexpected ";"/);
      // The page and its style do not depend on the script.
      expect((await get(`${url}/dashboard.css`)).status).toBe(200);

      writeFileSync(entry, "const n: number = 2;\ndocument.title = String(n);\n");
      const fixed = await get(`${url}/dashboard.js`);
      expect(fixed.status).toBe(200);
      expect(fixed.bytes.toString('utf8')).toContain('document.title = String(n)');
    });
  });
});
