import type { ParseArgsConfig } from 'node:util';
import { LoupeError } from '../loupe-error';
import type { ExitCode } from './exit-code';

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
  /**
   * The exit code of a result that is a finding the caller scripts on (an audit trail found broken:
   * 1); 0 when absent. Bad input is still an error (exit 2), whatever the result would have been.
   */
  exitCode?(result: T): ExitCode;
}

export interface CommandIo {
  /** Progress for long work; goes to stderr so stdout stays clean JSON with --json. */
  progress(message: string): void;
}

/** A non-empty string option, or undefined. */
export function textOption(args: ParsedArgs, name: string): string | undefined {
  const value = args.values[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The value, or a usage error with `message`. */
export function required(value: string | undefined, message: string): string {
  if (value === undefined) throw new LoupeError('common', 'InvalidInput', message);
  return value;
}
