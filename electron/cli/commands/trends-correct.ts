// `loupe trends correct RECORD_ID`: the drill-down's "Correct…" from the command line. The options
// are the fields the correction dialog edits (fraud type, revealing features, notes); a field not
// given keeps the record's value. The correction goes through the same service function as the
// screen (TrendsService.correct), so it is screened and refused in the same way.
import { LoupeError } from '../../common/loupe-error';
import { FraudTypeSchema, FRAUD_TYPES, type FraudType, type TrendRecord } from '../../contract/trends.contract';
import type { StationStore } from '../../store';
import type { TrendStore } from '../../trends/trend-store';
import { StationTrust } from '../../trust/station-trust';
import { TrendsService } from '../../trends/trends.service';
import { fraudExaminationsAround } from '../../trends/week-examinations';
import { textOption, type OptionSpec, type ParsedArgs } from '../../common/command-line/command';
import { printable } from '../../common/command-line/terminal-text';

export const correctOptions: OptionSpec = {
  'fraud-type': { type: 'string' },
  'revealed-by': { type: 'string', multiple: true },
  'clear-revealed-by': { type: 'boolean' },
  notes: { type: 'string' },
  'clear-notes': { type: 'boolean' },
};

export const correctUsage = [
  '       loupe trends correct RECORD_ID [--fraud-type TYPE] [--revealed-by FEATURE ...|--clear-revealed-by] [--notes TEXT|--clear-notes]',
  '                                                (a record made here; prints the new record id and what changed)',
];

type Change<T> = { from: T; to: T };

export interface CorrectionResult {
  action: 'correct';
  record: string;
  supersedes: string;
  changed: { fraudType?: Change<FraudType>; revealedBy?: Change<string[]>; notes?: Change<string | null> };
}

function requestOf(args: ParsedArgs, old: TrendRecord) {
  const fraudText = textOption(args, 'fraud-type');
  let fraudType = old.fraudType;
  if (fraudText !== undefined) {
    const parsed = FraudTypeSchema.safeParse(fraudText);
    if (!parsed.success) throw new LoupeError('common', 'InvalidInput', `--fraud-type is one of ${FRAUD_TYPES.join(', ')}; not '${fraudText}'`);
    fraudType = parsed.data;
  }
  const revealed = args.values['revealed-by'];
  const typed = Array.isArray(revealed) ? revealed.filter((v): v is string => typeof v === 'string').map((v) => v.trim()).filter(Boolean) : [];
  if (typed.length > 0 && args.values['clear-revealed-by'] === true) throw new LoupeError('common', 'InvalidInput', 'give --revealed-by or --clear-revealed-by, not both');
  const revealedBy = args.values['clear-revealed-by'] === true ? [] : typed.length > 0 ? typed : old.revealedBy;
  const notesText = typeof args.values.notes === 'string' ? args.values.notes : undefined;
  if (notesText !== undefined && args.values['clear-notes'] === true) throw new LoupeError('common', 'InvalidInput', 'give --notes or --clear-notes, not both');
  const notes = args.values['clear-notes'] === true ? null : notesText !== undefined ? notesText.trim() || null : old.notes;
  return { id: old.id, fraudType, revealedBy, notes };
}

export function correctRecord(stationStore: StationStore, store: TrendStore, dataDir: string, id: string | undefined, args: ParsedArgs): CorrectionResult {
  if (!id) throw new LoupeError('common', 'InvalidInput', 'usage: loupe trends correct RECORD_ID [--fraud-type TYPE] [--revealed-by FEATURE ...] [--notes TEXT|--clear-notes]');
  if (!/^[0-9a-f]{64}$/.test(id)) throw new LoupeError('common', 'InvalidInput', `a record id is 64 lowercase hex digits (as listed by the drill-down or an export), not '${id}'`);
  const old = store.getRecord(id);
  if (!old) throw new LoupeError('trends', 'RecordNotHeld', 'that trend record is not held here');
  const trends = new TrendsService({
    store,
    trust: new StationTrust(stationStore),
    dataDir,
    examination: () => {
      throw new LoupeError('common', 'Internal', 'a correction names no examination');
    },
    referenceClass: () => null,
    imagePath: (hash) => stationStore.imagePath(hash),
    // The notes are screened against the personal values of the examinations that could have
    // produced the record, as on screen.
    examinationsOfWeek: (week) => fraudExaminationsAround(stationStore, week),
  });
  const request = requestOf(args, old);
  const record = trends.correct(request);
  const changed: CorrectionResult['changed'] = {};
  if (record.fraudType !== old.fraudType) changed.fraudType = { from: old.fraudType, to: record.fraudType };
  if (JSON.stringify(record.revealedBy) !== JSON.stringify(old.revealedBy)) changed.revealedBy = { from: old.revealedBy, to: record.revealedBy };
  if (record.notes !== old.notes) changed.notes = { from: old.notes, to: record.notes };
  stationStore.audit({ officer: null, action: 'trends.correct', subject: old.id, details: { record: record.id, fraudType: record.fraudType, from: 'command line' } });
  return { action: 'correct', record: record.id, supersedes: old.id, changed };
}

export function correctionText(result: CorrectionResult): string {
  const lines = Object.entries(result.changed).map(([field, change]) => {
    // Notes are free text: a line break in them is shown as \x0a, on this one line.
    const show = (v: unknown) => printable(v === null ? '(none)' : Array.isArray(v) ? v.join(', ') || '(none)' : String(v));
    return `  ${field}: ${show((change as Change<unknown>).from)} → ${show((change as Change<unknown>).to)}`;
  });
  return [`corrected ${result.supersedes.slice(0, 12)}…: new record ${result.record}`, ...lines].join('\n');
}
