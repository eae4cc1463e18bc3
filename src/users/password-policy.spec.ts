import { checkPassword } from './password-policy';

describe('checkPassword', () => {
  const email = 'ravi@example.com';

  it('accepts a long, uncommon password', () => {
    expect(checkPassword('violet-harbour-73-tides', email)).toEqual([]);
  });

  it('refuses fewer than 8 characters', () => {
    expect(checkPassword('Ab3$xyz', email)).toEqual([
      { field: 'password', message: 'must be at least 8 characters long' },
    ]);
  });

  it('refuses more than 72 bytes instead of letting bcrypt cut it', () => {
    expect(checkPassword('a'.repeat(73), email)).toContainEqual({
      field: 'password',
      message: 'must be at most 72 bytes long',
    });
    // 25 three-byte characters are 75 bytes though only 25 characters.
    expect(checkPassword('€'.repeat(25), email)).toContainEqual({
      field: 'password',
      message: 'must be at most 72 bytes long',
    });
  });

  it('refuses the email address, whatever its case', () => {
    expect(checkPassword('RAVI@example.com', email)).toContainEqual({
      field: 'password',
      message: 'must not be your email address',
    });
  });

  it('refuses common passwords', () => {
    for (const common of ['password', 'Password1', '12345678', 'iloveyou']) {
      expect(checkPassword(common, email).map((e) => e.message)).toContain(
        'is too common; choose a less guessable password',
      );
    }
  });

  it('names the field it was given', () => {
    expect(checkPassword('short', email, 'new_password')[0].field).toBe('new_password');
  });
});
