// The `loupe` command line: every capability scriptable, JSON out with --json. Entry: cli/main.ts.
// Errors: one line on stderr, non-zero exit (2 = usage, 1 = failure).
import { parseArgs } from 'node:util';
import { LoupeError } from '../common/loupe-error';
import type { Command } from './command';
import { commands } from './commands';

function usage(): string {
  const rows = commands.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`);
  return ['usage: loupe <command> [options] [--json]', '', 'commands:', ...rows, '', 'loupe <command> --help for details'].join('\n');
}

async function runCommand(cmd: Command, argv: string[]): Promise<number> {
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
  process.stdout.write(json ? `${JSON.stringify(result, null, 2)}\n` : `${cmd.human(result)}\n`);
  return 0;
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${usage()}\n`);
    return name ? 0 : 2;
  }
  const cmd = commands.find((c) => c.name === name);
  if (!cmd) {
    process.stderr.write(`loupe: unknown command '${name}' (try: loupe --help)\n`);
    return 2;
  }
  try {
    return await runCommand(cmd, rest);
  } catch (err) {
    const isUsage = err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS');
    const kind = err instanceof LoupeError ? err.kind : isUsage ? 'InvalidInput' : 'Internal';
    const message = (err instanceof Error ? err.message : String(err)).split('\n')[0];
    process.stderr.write(`loupe ${name}: ${kind === 'Internal' ? 'internal error: ' : ''}${message}\n`);
    if (kind === 'Internal' && process.env.LOUPE_DEBUG) console.error(err);
    return isUsage || kind === 'InvalidInput' ? 2 : 1;
  }
}
