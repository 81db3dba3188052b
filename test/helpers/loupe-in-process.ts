// Runs `loupe` in this process through the real entry point (main-entry.ts): the same parsing,
// commands, output and exit codes as the executable, without a process start per call. The
// applications the command line starts as child processes (`loupe hub`, `loupe serve`,
// `loupe specimen`, `loupe virtual-card`) run their command here too, through the same runner and
// under the same name.
import { runCommand } from '../../electron/common/command-line/run-command';
import { main } from '../../electron/cli/main-entry';
import { serveCommand } from '../../electron/host/serve.command';
import { hubCommand } from '../../electron/hub/hub.command';
import { specimenCommand } from '../../electron/specimens/specimen.command';
import { virtualCardCommand } from '../../electron/specimens/virtual-card/virtual-card.command';

const APPLICATIONS = { hub: hubCommand, serve: serveCommand, specimen: specimenCommand, 'virtual-card': virtualCardCommand } as const;

function run(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const app = APPLICATIONS[name as keyof typeof APPLICATIONS];
  return app ? runCommand(app, rest, `loupe ${name}`) : main(argv);
}

export interface LoupeRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function loupeInProcess(...argv: string[]): Promise<LoupeRun> {
  let stdout = '';
  let stderr = '';
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((chunk: string | Uint8Array) => ((stdout += String(chunk)), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => ((stderr += String(chunk)), true)) as typeof process.stderr.write;
  try {
    const code = await run(argv);
    return { code, stdout, stderr };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
}
