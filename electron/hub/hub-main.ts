// `loupe-hub`: the regional hub on its own (the packaged hub, scripts/build-hub.ts), the same as
// `loupe hub …`: serve, trust list administration, audit log.
import { hubCommand } from './hub.command';
import { EXIT_FAILURE } from '../common/command-line/exit-code';
import { runCommand } from '../common/command-line/run-command';

// Named as it was started: `loupe-hub` on its own, `loupe hub` from the command line.
const program = process.env.LOUPE_PROGRAM ?? 'loupe-hub';

runCommand(hubCommand, process.argv.slice(2), program).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`${program}: internal error: ${String(err).split('\n')[0]}\n`);
    process.exitCode = EXIT_FAILURE;
  },
);
