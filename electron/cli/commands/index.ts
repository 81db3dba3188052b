import type { Command } from '../command';
import { demoCommand } from './demo.command';
import { mrzCommand } from './mrz.command';
import { specimenCommand } from './specimen.command';

export const commands: Command<never>[] = [specimenCommand, mrzCommand, demoCommand] as Command<never>[];
