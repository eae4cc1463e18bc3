import { labelZpl, labelsZpl, zplFieldData } from './label-zpl';

const label = {
  code: 'WH1-2026-000042',
  facts: [
    { name: 'Client', value: 'Evil ^XZ~JR Foods_Co' },
    { name: 'Commodity', value: 'Crème fraîche 北京' },
  ],
};

describe('ZPL labels', () => {
  it('keeps plain printable ASCII as it is', () => {
    expect(zplFieldData('WH1-2026-000042 Frozen peas')).toBe('WH1-2026-000042 Frozen peas');
  });

  it('escapes ^, ~ and the escape character itself as ^FH hex', () => {
    expect(zplFieldData('a^XZ~JR_b')).toBe('a_5EXZ_7EJR_5Fb');
  });

  it('sends text outside ASCII as UTF-8 bytes and line breaks as spaces', () => {
    expect(zplFieldData('è\nx')).toBe('_C3_A8 x');
  });

  it('is one 812 × 1218 dot format with a QR, a Code 128 and the facts', () => {
    const zpl = labelZpl(label);
    expect(zpl.startsWith('^XA\n^CI28\n^PW812\n^LL1218')).toBe(true);
    expect(zpl.endsWith('^XZ')).toBe(true);
    expect(zpl).toMatch(/\^BQN,2,\d+\^FH_\^FDMA,WH1-2026-000042\^FS/);
    expect(zpl).toMatch(/\^BY\d\^BCN,\d+,N,N,N,A\^FH_\^FDWH1-2026-000042\^FS/);
    expect(zpl).toContain('^FH_^FDClient: Evil _5EXZ_7EJR Foods_5FCo^FS');
  });

  it('lets no hostile name start or end a format', () => {
    const zpl = labelZpl(label);
    expect(zpl.match(/\^XA/g)).toHaveLength(1);
    expect(zpl.match(/\^XZ/g)).toHaveLength(1);
    expect(zpl).not.toContain('~');
  });

  it('prints several labels as one job, a format each', () => {
    expect(labelsZpl([label, label]).match(/\^XA/g)).toHaveLength(2);
  });

  it('narrows the Code 128 modules for long codes so the symbol fits the label', () => {
    const long = labelZpl({ code: 'X'.repeat(40), facts: [] });
    expect(long).toContain('^BY1^BC');
  });
});
