import { locationScanCode, parseLocationScanCode } from './location-code';

describe('location scan codes', () => {
  it('joins the chamber code and the location code, and splits them back', () => {
    const code = locationScanCode('FRZ-A', 'F1-R03/L2-S04');
    expect(code).toBe('FRZ-A:F1-R03/L2-S04');
    expect(parseLocationScanCode(code)).toEqual({ chamber: 'FRZ-A', location: 'F1-R03/L2-S04' });
  });

  it('reads a bare location code as one without its chamber', () => {
    expect(parseLocationScanCode('F1-R03-L2-S04')).toEqual({
      chamber: null,
      location: 'F1-R03-L2-S04',
    });
  });
});
