import { describe, expect, it } from 'vitest';
import { MrzLineFramer } from '../../../native/drivers/mrz-line-framer';

// ICAO 9303 part 4 and part 5 specimen MRZs.
const TD3 = ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F1204159ZE184226B<<<<<10'];
const TD1 = ['I<UTOD231458907<<<<<<<<<<<<<<<', '7408122F1204159UTO<<<<<<<<<<<6', 'ERIKSSON<<ANNA<MARIA<<<<<<<<<<'];
const TD2 = ['I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<', 'D231458907UTO7408122F1204159<<<<<<<6'];

describe('MrzLineFramer', () => {
  it('frames a TD3 split across arbitrary chunks with CRLF', () => {
    const framer = new MrzLineFramer();
    const bytes = Buffer.from(`${TD3[0]}\r\n${TD3[1]}\r\n`);
    const out = [...framer.push(bytes.subarray(0, 17)), ...framer.push(bytes.subarray(17, 60)), ...framer.push(bytes.subarray(60))];
    expect(out).toEqual([TD3]);
  });

  it('frames TD1 (3×30) and TD2 (2×36) with bare LF or CR', () => {
    const framer = new MrzLineFramer();
    expect(framer.push(Buffer.from(`${TD1.join('\n')}\n${TD2.join('\r')}\r`))).toEqual([TD1, TD2]);
  });

  it('uses STX to start over and ETX to end the last line', () => {
    const framer = new MrzLineFramer();
    const bytes = Buffer.concat([Buffer.from(TD3[0] as string), Buffer.from([0x02]), Buffer.from(TD1.join('\r\n')), Buffer.from([0x03])]);
    expect(framer.push(bytes)).toEqual([TD1]);
  });

  it('drops lines that are not MRZ lines and runs of mixed lengths', () => {
    const chunks = [`${TD3[0]}\r\nhello world\r\n${TD3[1]}\r\n`, `${TD3[0]}\r\n${TD2[1]}\r\n`, `${TD3[0]?.toLowerCase()}\r\n${TD3[1]}\r\n`];
    for (const chunk of chunks) expect(new MrzLineFramer().push(Buffer.from(chunk))).toEqual([]);
  });
});
