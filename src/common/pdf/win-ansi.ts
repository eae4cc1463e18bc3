// Text for the standard PDF fonts (pdfkit's Helvetica), which encode WinAnsi only.

// Code points outside Latin-1 that WinAnsiEncoding (the standard fonts' encoding) still holds.
const WIN_ANSI_EXTRAS = new Set('ƒ–—‘’‚“”„†‡•…€‰‹›ˆ™Œœ˜ŠšŸŽž');
// Letters that NFKD does not split into a base letter and an accent, and other look-alikes.
const REPLACEMENTS = new Map<string, string>([
  ['Ł', 'L'],
  ['ł', 'l'],
  ['Đ', 'D'],
  ['đ', 'd'],
  ['Ħ', 'H'],
  ['ħ', 'h'],
  ['ı', 'i'],
  ['₹', 'Rs.'],
  ['−', '-'],
  ['‐', '-'],
  ['‑', '-'],
  ['‒', '-'],
  ['\t', ' '],
  ['\u200b', ''],
  ['\u200c', ''],
  ['\u200d', ''],
  ['\ufeff', ''],
]);

function isWinAnsi(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return (
    char === '\n' ||
    (code >= 0x20 && code <= 0x7e) ||
    (code >= 0xa0 && code <= 0xff) ||
    WIN_ANSI_EXTRAS.has(char)
  );
}

function isAllWinAnsi(text: string): boolean {
  for (const char of text) if (!isWinAnsi(char)) return false;
  return true;
}

/**
 * The standard PDF fonts only encode WinAnsi; anything else would come out as garbage glyphs.
 * Accented letters lose their accent ("Ō" → "O"); what has no Latin form becomes "?".
 */
export function toWinAnsi(value: string): string {
  let out = '';
  for (const char of value.replace(/\r\n?/g, '\n')) {
    if (isWinAnsi(char)) {
      out += char;
      continue;
    }
    const replacement = REPLACEMENTS.get(char);
    if (replacement !== undefined) {
      out += replacement;
      continue;
    }
    const base = char.normalize('NFKD').replace(/\p{M}/gu, '');
    if (isAllWinAnsi(base)) out += base;
    else if (!/\p{Cc}/u.test(char)) out += '?';
  }
  return out;
}
