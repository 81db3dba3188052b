import type { Command } from '../../common/command-line/command';
import type { ApplicationCommand } from '../application-command';
import { auditCommand } from './audit.command';
import { chipCommand } from './chip.command';
import { demoCommand } from './demo.command';
import { examineCommand } from './examine.command';
import { mrzCommand } from './mrz.command';
import { reportCommand } from './report.command';
import { referenceCommand } from './reference.command';
import { trendsCommand } from './trends.command';
import { trustCommand } from './trust.command';

export const commands: Command<never>[] = [mrzCommand, examineCommand, reportCommand, referenceCommand, demoCommand, trendsCommand, trustCommand, chipCommand, auditCommand] as Command<never>[];

/** Applications the command line starts (their own entry points, run as child processes). */
export const applications: ApplicationCommand[] = [
  { name: 'specimen', summary: 'generate synthetic specimen documents (white/IR/UV images + truth JSON)', entry: '../specimens/specimen-main.ts' },
  { name: 'virtual-card', summary: 'serve a specimen passport chip on a vpcd reader (PC/SC chip stack drills)', entry: '../specimens/virtual-card/virtual-card-main.ts' },
  { name: 'serve', summary: 'serve the workstation UI on 127.0.0.1 (no Electron needed)', entry: '../host/host-main.ts' },
  { name: 'hub', summary: 'the regional trend hub: serve, trust list, audit log', entry: '../hub/hub-main.ts' },
];
