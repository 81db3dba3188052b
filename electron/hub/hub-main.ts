// `loupe-hub`: the regional hub on its own (the packaged hub, scripts/build-hub.ts), the same as
// `loupe hub …`: serve, trust list administration, audit log.
import { hubCommand } from '../cli/commands/hub.command';
import { EXIT_FAILURE } from '../cli/exit-code';
import { runCommand } from '../cli/run-command';

runCommand(hubCommand, process.argv.slice(2), 'loupe-hub').then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`loupe-hub: internal error: ${String(err).split('\n')[0]}\n`);
    process.exitCode = EXIT_FAILURE;
  },
);
