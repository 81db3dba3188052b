// The commands the running virtual card takes on stdin and on its IPC channel.
import { describe, expect, it } from 'vitest';
import { CardCommandError, parseCardCommand } from '../../../electron/specimens/virtual-card/card-control';

describe('virtual card commands', () => {
  it('reads commands with and without a number', () => {
    expect(parseCardCommand('insert')).toEqual({ command: 'insert' });
    expect(parseCardCommand('  remove-after   12 ')).toEqual({ command: 'remove-after', value: 12 });
    expect(parseCardCommand('delay 0')).toEqual({ command: 'delay', value: 0 });
  });

  it.each(['', 'eject', 'remove now', 'delay', 'delay -5', 'delay 1.5', 'delay 99999999', 'remove-after 3 4', 'stats 1'])('refuses "%s" with a reason', (line) => {
    expect(() => parseCardCommand(line)).toThrow(CardCommandError);
  });
});
