// The applications `loupe` starts as child processes (cli/commands/index.ts): each has its entry
// point, and the in-process runner the tests use (helpers/loupe-in-process.ts) runs each one's
// command itself. Were one missing there, its output would bypass the runner's capture.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applications } from '../../../electron/cli/commands';
import { loupeInProcess } from '../../helpers/loupe-in-process';

const cliDir = join(process.cwd(), 'electron', 'cli');

describe('applications of the command line', () => {
  it('include the specimen generator, the virtual card, the loopback host and the hub', () => {
    expect(applications.map((a) => a.name).sort()).toEqual(['hub', 'serve', 'specimen', 'virtual-card']);
  });

  it.each(applications.map((a) => [a.name, a] as const))('%s has its entry point and runs in process', async (name, app) => {
    expect(existsSync(join(cliDir, app.entry)), app.entry).toBe(true);
    const run = await loupeInProcess(name, '--help');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^usage: loupe ${name} `));
  });
});
