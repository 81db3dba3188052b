// `loupe virtual-card`: the virtual card's entry point. The command line runs it as a child process
// (cli/application-command.ts); tests fork it inside their private PC/SC namespace; it can also be
// started on its own (tsx electron/specimens/virtual-card/virtual-card-main.ts).
import { EXIT_FAILURE } from '../../common/command-line/exit-code';
import { runCommand } from '../../common/command-line/run-command';
import { printable } from '../../common/command-line/terminal-text';
import { virtualCardCommand } from './virtual-card.command';

const program = process.env.LOUPE_PROGRAM ?? 'loupe virtual-card';

runCommand(virtualCardCommand, process.argv.slice(2), program).then(
  (code) => {
    process.exitCode = code;
    // The IPC channel of a forked card would keep the process alive.
    if (process.connected) process.disconnect();
  },
  (err: unknown) => {
    process.stderr.write(`${program}: internal error: ${printable(String(err).split('\n')[0] ?? '')}\n`);
    process.exitCode = EXIT_FAILURE;
  },
);
