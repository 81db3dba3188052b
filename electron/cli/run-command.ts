// Runs one command of the command line: options parsed strictly, --help, JSON or human output, and
// errors as one line on stderr with the exit code (2 = usage, 1 = failure). Shared by `loupe` and
// the packaged hub's `loupe-hub`, which holds the hub command only.
import { parseArgs } from 'node:util';
import { LoupeError } from '../common/loupe-error';
import type { Command } from './command';

async function run(cmd: Command, argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { ...cmd.options, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${cmd.usage}\n`);
    return 0;
  }
  const json = values.json === true;
  const result = await cmd.run({ values, positionals }, {
    progress: (m) => {
      if (!json && process.stderr.isTTY) process.stderr.write(`\r\x1b[K${m}`);
    },
  });
  if (!json && process.stderr.isTTY) process.stderr.write('\r\x1b[K');
  // A command that streamed its own output (one line per input) returns nothing more to print.
  if (result !== undefined) process.stdout.write(json ? `${JSON.stringify(result, null, 2)}\n` : `${cmd.human(result)}\n`);
  return 0;
}

/** Runs `cmd` with `argv`; `prog` names it in error messages ("loupe hub"). */
export async function runCommand(cmd: Command, argv: string[], prog: string): Promise<number> {
  try {
    return await run(cmd, argv);
  } catch (err) {
    const isUsage = err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS');
    const kind = err instanceof LoupeError ? err.kind : isUsage ? 'InvalidInput' : 'Internal';
    const message = (err instanceof Error ? err.message : String(err)).split('\n')[0];
    process.stderr.write(`${prog}: ${kind === 'Internal' ? 'internal error: ' : ''}${message}\n`);
    if (kind === 'Internal' && process.env.LOUPE_DEBUG) console.error(err);
    return isUsage || kind === 'InvalidInput' ? 2 : 1;
  }
}
