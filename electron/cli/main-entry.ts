// The `loupe` command line: every capability scriptable, JSON out with --json. Entry: cli/main.ts.
// Errors: one line on stderr, non-zero exit (exit-code.ts: 2 = bad usage or input, 1 = failure).
import { runCommand } from '../common/command-line/run-command';
import { runApplication } from './application-command';
import { applications, commands } from './commands';
import { EXIT_BAD_INPUT, EXIT_OK } from '../common/command-line/exit-code';
import { printable } from '../common/command-line/terminal-text';

function usage(): string {
  const rows = [...commands, ...applications].map((c) => `  ${c.name.padEnd(10)} ${c.summary}`);
  return ['usage: loupe <command> [options] [--json]', '', 'commands:', ...rows, '', 'loupe <command> --help for details'].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${usage()}\n`);
    return name ? EXIT_OK : EXIT_BAD_INPUT;
  }
  const app = applications.find((a) => a.name === name);
  if (app) return runApplication(app, rest);
  const cmd = commands.find((c) => c.name === name);
  if (!cmd) {
    process.stderr.write(`loupe: unknown command '${printable(name)}' (try: loupe --help)\n`);
    return EXIT_BAD_INPUT;
  }
  return runCommand(cmd, rest, `loupe ${name}`);
}
