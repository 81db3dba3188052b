// Runs `loupe` in this process through the real entry point (main-entry.ts): the same parsing,
// commands, output and exit codes as the executable, without a process start per call.
import { main } from '../../electron/cli/main-entry';

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
    const code = await main(argv);
    return { code, stdout, stderr };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
}
