// `loupe` executable (npm run -s loupe -- <command>).
import { main } from './main-entry';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`loupe: ${String(err)}\n`);
    process.exitCode = 1;
  },
);
