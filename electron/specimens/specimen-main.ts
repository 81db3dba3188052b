// `loupe specimen`: the specimen generator's entry point. The command line runs it as a child process
// (cli/application-command.ts); it can also be started on its own (tsx electron/specimens/specimen-main.ts).
import { EXIT_FAILURE } from '../common/command-line/exit-code';
import { runCommand } from '../common/command-line/run-command';
import { printable } from '../common/command-line/terminal-text';
import { specimenCommand } from './specimen.command';

const program = process.env.LOUPE_PROGRAM ?? 'loupe specimen';

runCommand(specimenCommand, process.argv.slice(2), program).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`${program}: internal error: ${printable(String(err).split('\n')[0] ?? '')}\n`);
    process.exitCode = EXIT_FAILURE;
  },
);
