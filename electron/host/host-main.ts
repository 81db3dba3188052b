// `loupe-host`: the loopback host on its own — the workstation UI on 127.0.0.1 for stations without
// the Electron shell (`npm start` falls back to it; `loupe serve` runs it).
import { EXIT_FAILURE } from '../common/command-line/exit-code';
import { runCommand } from '../common/command-line/run-command';
import { printable } from '../common/command-line/terminal-text';
import { serveCommand } from './serve.command';

const program = process.env.LOUPE_PROGRAM ?? 'loupe serve';

runCommand(serveCommand, process.argv.slice(2), program).then(
  (code) => {
    // A started host keeps serving until interrupted; a refused start ends here.
    if (code !== 0) process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`${program}: internal error: ${printable(String(err).split('\n')[0] ?? '')}\n`);
    process.exitCode = EXIT_FAILURE;
  },
);
