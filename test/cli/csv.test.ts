import { describe, expect, it } from 'vitest';
import { csvCell, csvSubscription, parseCsvLine, readCsvHeader } from '../../src/cli/csv.js';

describe('CSV fields (RFC 4180, one record per line)', () => {
  it('CLI: blanks around fields are trimmed, quoted or not; a quoted field may be the last', () => {
    expect(parseCsvLine(' \t"a,b" \t, c \t,"d"')).toEqual(['a,b', 'c', 'd']);
    expect(parseCsvLine('"say ""hi"""')).toEqual(['say "hi"']);
    expect(parseCsvLine('x,')).toEqual(['x', '']);
  });

  it('CLI: a malformed field is named by its number, counted from 1', () => {
    expect(parseCsvLine('x,"y"z')).toEqual({ error: 'field 2: text after its closing quote' });
    expect(parseCsvLine('x,y"z')).toEqual({
      error: 'field 2: a quote inside an unquoted field (quote the whole field and double the quote)',
    });
    expect(parseCsvLine('x,"y')).toEqual({ error: 'field 2: its quote is not closed on this line (a field may not span lines)' });
  });

  it('CLI: a line shorter than the header leaves the missing columns out of the subscription', () => {
    const { header, width } = readCsvHeader('id,expirationDate,invoiceAmount,extensionEndsOn', 'subs.csv', false);
    expect(csvSubscription('x,2026-03-08', header, width)).toStrictEqual({ value: { id: 'x', expirationDate: '2026-03-08' } });
    expect(csvSubscription('x,2026-03-08,,2026-03-15', header, width)).toStrictEqual({
      value: { id: 'x', expirationDate: '2026-03-08', extension: { endsOn: '2026-03-15' } },
    });
  });
});

describe('CSV output cells', () => {
  it('CLI: text that starts like a formula gets a leading quote; numbers and booleans never do', () => {
    expect([csvCell('-5', false), csvCell(-5, false), csvCell(true, false), csvCell(undefined, false)]).toEqual(["'-5", '-5', 'true', '']);
    expect([csvCell('=1', true), csvCell('a,"b"', false)]).toEqual(['=1', '"a,""b"""']);
  });
});
