// The packaging configuration: every Electron fuse the security checklist asks for. Read three ways:
// as YAML, through electron-builder's own loader and schema validation (a misspelt key fails there),
// and through the step that turns it into the fuse wires @electron/fuses flips in the binary.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
// js-yaml and app-builder-lib come with electron-builder (it reads its configuration with js-yaml).
const yaml = require('js-yaml') as { load(text: string): unknown };
type Fuses = Record<string, boolean>;
const builder = require('app-builder-lib') as {
  PlatformPackager: { prototype: { generateFuseConfig(fuses: Fuses): Promise<Record<string, unknown>> } };
};
const builderConfig = require('app-builder-lib/out/util/config/config') as {
  getConfig(projectDir: string, configPath: string, fromOptions: null): Promise<Record<string, unknown>>;
  validateConfiguration(config: Record<string, unknown>, debugLogger: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

const expectedFuses: Fuses = {
  runAsNode: false,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  onlyLoadAppFromAsar: true,
  enableEmbeddedAsarIntegrityValidation: true,
  enableCookieEncryption: true,
  grantFileProtocolExtraPrivileges: false,
};

describe('electron-builder.yml', () => {
  it('sets every fuse of the checklist, and packs the app into app.asar (onlyLoadAppFromAsar needs it)', () => {
    const config = yaml.load(readFileSync('electron-builder.yml', 'utf8')) as Record<string, unknown>;
    expect(config.electronFuses).toEqual(expectedFuses);
    expect(config.asar).toBe(true);
  });

  it('is accepted by the installed electron-builder, and a misspelt fuse is not', async () => {
    const config = await builderConfig.getConfig(process.cwd(), 'electron-builder.yml', null);
    expect(config.electronFuses).toEqual(expectedFuses);
    await expect(builderConfig.validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    const misspelt = { ...config, electronFuses: { ...expectedFuses, runAsNod: false } };
    await expect(builderConfig.validateConfiguration(misspelt, new DebugLogger(false))).rejects.toThrow(/Invalid configuration object/);
  });

  it('flips the intended fuse wires at packaging', async () => {
    const { FuseV1Options } = (await import('@electron/fuses')) as unknown as { FuseV1Options: Record<string, number> };
    const wires = await builder.PlatformPackager.prototype.generateFuseConfig.call({}, expectedFuses);
    expect(wires[FuseV1Options.RunAsNode!]).toBe(false);
    expect(wires[FuseV1Options.EnableNodeOptionsEnvironmentVariable!]).toBe(false);
    expect(wires[FuseV1Options.EnableNodeCliInspectArguments!]).toBe(false);
    expect(wires[FuseV1Options.OnlyLoadAppFromAsar!]).toBe(true);
    expect(wires[FuseV1Options.EnableEmbeddedAsarIntegrityValidation!]).toBe(true);
    expect(wires[FuseV1Options.EnableCookieEncryption!]).toBe(true);
    expect(wires[FuseV1Options.GrantFileProtocolExtraPrivileges!]).toBe(false);
  });
});
