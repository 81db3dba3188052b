// Runs one command of the command line: options parsed strictly, --help, JSON or human output, and
// errors as one line on stderr with the exit code of exit-code.ts. Shared by `loupe` and the
// packaged hub's `loupe-hub`, which holds the hub command only.
import { parseArgs } from 'node:util';
import type { ErrorCategory } from '../../contract/errors';
import { LoupeError } from '../loupe-error';
import type { Command } from './command';
import { EXIT_OK, exitCodeOf } from './exit-code';
import { printable, printableLines } from './terminal-text';

async function run(cmd: Command, argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { ...cmd.options, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${cmd.usage}\n`);
    return EXIT_OK;
  }
  const json = values.json === true;
  const result = await cmd.run({ values, positionals }, {
    progress: (m) => {
      if (!json && process.stderr.isTTY) process.stderr.write(`\r\x1b[K${printable(m)}`);
    },
  });
  if (!json && process.stderr.isTTY) process.stderr.write('\r\x1b[K');
  // Human output echoes input (MRZ lines, file names, titles, notes): its control characters are
  // shown, never obeyed by the terminal.
  // A command that streamed its own output (one line per input) returns nothing more to print.
  if (result !== undefined) process.stdout.write(json ? `${JSON.stringify(result, null, 2)}\n` : `${printableLines(cmd.human(result))}\n`);
  return result !== undefined && cmd.exitCode ? cmd.exitCode(result) : EXIT_OK;
}

// node:util parseArgs: unknown option, missing option value, ... — a usage error.
function isUsageError(err: unknown): boolean {
  return err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS');
}

function categoryOfFailure(err: unknown): ErrorCategory {
  if (err instanceof LoupeError) return err.category;
  return isUsageError(err) ? 'bad-input' : 'internal';
}

/** Runs `cmd` with `argv`; `prog` names it in error messages ("loupe hub"). */
export async function runCommand(cmd: Command, argv: string[], prog: string): Promise<number> {
  try {
    return await run(cmd, argv);
  } catch (err) {
    const text = err instanceof Error ? err.message : String(err);
    // A typed error is meant for the user: all of it, on one line. An internal one (a bug, an
    // untyped error) shows its first line only (LOUPE_DEBUG=1 prints the whole error with its stack).
    const internal = err instanceof LoupeError ? err.kind === 'Internal' : !isUsageError(err);
    const message = internal ? `internal error: ${text.split('\n')[0]}` : text;
    process.stderr.write(`${prog}: ${printable(message)}\n`);
    if (internal && process.env.LOUPE_DEBUG) console.error(err);
    return exitCodeOf(categoryOfFailure(err));
  }
}
