import { findUnstorableText } from './storable-text';

describe('findUnstorableText', () => {
  it('names a NUL at any depth by its field path', () => {
    const body = { client_id: 'x', lines: [{ quantity: 1 }, { notes: 'a\u0000b' }] };
    expect(findUnstorableText(body, '')).toEqual({
      field: 'lines[1].notes',
      message: 'lines[1].notes must not contain NUL characters',
    });
  });

  it('names a query parameter or a single named value', () => {
    expect(findUnstorableText({ email: '\u0000' }, '')?.field).toBe('email');
    expect(findUnstorableText('abc\u0000', 'token')?.field).toBe('token');
  });

  it('refuses a lone surrogate, which has no UTF-8 form', () => {
    expect(findUnstorableText({ name: 'x\ud800y' }, '')?.message).toBe(
      'name must be valid Unicode text',
    );
  });

  it('refuses a NUL in a field name', () => {
    expect(findUnstorableText({ 'na\u0000me': 1 }, '')?.field).toBe('na\\u0000me');
  });

  it('refuses a __proto__ key, which would otherwise be dropped silently', () => {
    const body = JSON.parse('{"name":"A","lines":[{"__proto__":{"admin":true}}]}') as object;
    expect(findUnstorableText(body, '')).toEqual({
      field: 'lines[0].__proto__',
      message: 'is not allowed',
    });
  });

  it('passes ordinary text, emoji and non-string values', () => {
    expect(
      findUnstorableText({ name: 'Pune ❄ 🥔', n: 3, ok: true, none: null, list: ['a'] }, ''),
    ).toBeNull();
  });
});
