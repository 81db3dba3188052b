import type { Command } from '../command';
import { demoCommand } from './demo.command';
import { examineCommand } from './examine.command';
import { hubCommand } from './hub.command';
import { mrzCommand } from './mrz.command';
import { reportCommand } from './report.command';
import { referenceCommand } from './reference.command';
import { serveCommand } from './serve.command';
import { specimenCommand } from './specimen.command';
import { trendsCommand } from './trends.command';

export const commands: Command<never>[] = [specimenCommand, mrzCommand, examineCommand, reportCommand, referenceCommand, serveCommand, demoCommand, trendsCommand, hubCommand] as Command<never>[];
