// `loupe` executable (npm run -s loupe -- <command>).
import { EXIT_FAILURE } from '../common/command-line/exit-code';
import { main } from './main-entry';
import { printable } from '../common/command-line/terminal-text';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`loupe: internal error: ${printable(String(err).split('\n')[0] ?? '')}\n`);
    process.exitCode = EXIT_FAILURE;
  },
);
