import type { ParseArgsConfig } from 'node:util';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface ParsedArgs {
  values: Record<string, string | boolean | string[] | boolean[] | undefined>;
  positionals: string[];
}

/** One `loupe <name>` command. `run` returns data; `human` renders it for a terminal. */
export interface Command<T = unknown> {
  name: string;
  summary: string;
  usage: string;
  options: OptionSpec;
  run(args: ParsedArgs, io: CommandIo): Promise<T>;
  human(result: T): string;
}

export interface CommandIo {
  /** Progress for long work; goes to stderr so stdout stays clean JSON with --json. */
  progress(message: string): void;
}
