import { csvNumber, csvText, toCsv } from './csv';

describe('CSV cells', () => {
  it('quotes every text cell, doubling quotes, whatever it holds', () => {
    expect(csvText('Apple')).toBe('"Apple"');
    expect(csvText('Onions, "Red"')).toBe('"Onions, ""Red"""');
    expect(csvText('two\r\nlines')).toBe('"two\r\nlines"');
    expect(csvText('')).toBe('""');
  });

  it.each([
    ['=1+1', `"'=1+1"`],
    ['+SUM(A1)', `"'+SUM(A1)"`],
    ['-2+3', `"'-2+3"`],
    ['@cmd', `"'@cmd"`],
    ['\tTAB', `"'\tTAB"`],
    ['\rCR', `"'\rCR"`],
    ['  =after spaces', `"'  =after spaces"`],
    ['\uff1dfull-width', `"'\uff1dfull-width"`],
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
  ])('neutralises the formula start of %j with a leading quote', (value, cell) => {
    expect(csvText(value)).toBe(cell);
  });

  it('leaves text without a formula start as it is, only quoted', () => {
    expect(csvText('a=b')).toBe('"a=b"');
    expect(csvText(' plain')).toBe('" plain"');
  });

  it('keeps numbers bare, negative ones included, and treats number-like text as text', () => {
    expect(csvNumber(-3)).toBe('-3');
    expect(csvNumber(50)).toBe('50');
    expect(csvNumber('-12.5')).toBe('-12.5');
    expect(csvNumber('2500')).toBe('2500');
    expect(csvNumber('-1+cmd')).toBe(`"'-1+cmd"`);
    expect(csvNumber('=1')).toBe(`"'=1"`);
    expect(csvNumber('1e3')).toBe('"1e3"');
    expect(csvNumber(Number.NaN)).toBe('"NaN"');
  });

  it('writes a quoted header row, one row per item and CRLF line ends; null is an empty cell', () => {
    const rows = [
      { name: '=cmd', qty: -2, note: null },
      { name: 'ok', qty: 3, note: 'x' },
    ];
    expect(
      toCsv(
        [
          { header: 'name', value: (r: (typeof rows)[number]) => r.name },
          { header: 'qty', value: (r) => r.qty, numeric: true },
          { header: 'note', value: (r) => r.note },
        ],
        rows,
      ),
    ).toBe(`"name","qty","note"\r\n"'=cmd",-2,\r\n"ok",3,"x"\r\n`);
  });
});
