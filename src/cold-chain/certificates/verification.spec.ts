import { canonicalJson, certificateKey, codesMatch, verificationCode } from './verification';

describe('certificate verification codes', () => {
  const key = certificateKey('a'.repeat(64));

  it('writes the same content as the same text, whatever the key order', () => {
    expect(canonicalJson({ b: 1, a: [{ d: null, c: 'x' }] })).toBe(
      '{"a":[{"c":"x","d":null}],"b":1}',
    );
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
  });

  it('gives the same code for the same data and another for any change', () => {
    const content = { lot: 'PNQ-2026-000001', stays: [{ mkt_c: -18.2, out_of_range_minutes: 0 }] };
    const code = verificationCode(key, content);
    expect(code).toMatch(/^[0-9A-F]{4}(-[0-9A-F]{4}){4}$/);
    expect(verificationCode(key, { stays: content.stays, lot: content.lot })).toBe(code);
    expect(
      verificationCode(key, { ...content, stays: [{ mkt_c: -18.1, out_of_range_minutes: 0 }] }),
    ).not.toBe(code);
    expect(verificationCode(certificateKey('b'.repeat(64)), content)).not.toBe(code);
  });

  it('matches a typed code regardless of case and dashes', () => {
    expect(codesMatch('3F2A-9C1B-77D0-5E4A-0B12', '3f2a9c1b77d05e4a0b12')).toBe(true);
    expect(codesMatch('3F2A-9C1B-77D0-5E4A-0B12', '3F2A-9C1B-77D0-5E4A-0B13')).toBe(false);
    expect(codesMatch('3F2A-9C1B-77D0-5E4A-0B12', '3F2A')).toBe(false);
  });
});
