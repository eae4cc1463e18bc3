import type { Label } from './label';

// 100 × 150 mm at 203 dpi (8 dots/mm): 812 × 1218 dots, a 40-dot margin.
const WIDTH = 812;
const HEIGHT = 1218;
const MARGIN = 40;
const INNER = WIDTH - 2 * MARGIN;
const QR_MAGNIFICATION = 10;
const FACT_TOP = 470;
const FACT_STEP = 56;
const BARCODE_TOP = 1000;
const BARCODE_HEIGHT = 170;

/**
 * Field data for ^FH_: every byte of the UTF-8 text (printed as such under ^CI28) that is not
 * plain printable ASCII, and ^ ~ _ themselves, become _XX hex escapes, so a name holding "^XZ"
 * or "~JR" stays text and cannot end the label or send a command. Line breaks become spaces.
 */
export function zplFieldData(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text.replace(/[\r\n\t]+/g, ' '), 'utf8')) {
    const plain = byte >= 0x20 && byte <= 0x7e && byte !== 0x5e && byte !== 0x7e && byte !== 0x5f;
    out += plain
      ? String.fromCharCode(byte)
      : `_${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

const field = (text: string): string => `^FH_^FD${zplFieldData(text)}^FS`;

/** The widest Code 128 module (1–3 dots) that keeps the symbol inside the label. */
function moduleWidth(code: string): number {
  // Start, check and stop symbols plus one a character (digits pair up; counting each is safe).
  const modules = (code.length + 3) * 11 + 2;
  return Math.max(1, Math.min(3, Math.floor(INNER / modules)));
}

/** Font 0 glyphs run about 0.6 of their height wide: long codes get a smaller font to stay on one line. */
function codeFontHeight(code: string): number {
  return Math.max(30, Math.min(70, Math.floor(INNER / (code.length * 0.6))));
}

/** One 100 × 150 mm label in ZPL II: the code, a QR and a Code 128 of it, and the facts. */
export function labelZpl(label: Label): string {
  const height = codeFontHeight(label.code);
  const lines = [
    '^XA',
    '^CI28',
    `^PW${WIDTH}`,
    `^LL${HEIGHT}`,
    '^LH0,0',
    `^FO${MARGIN},${MARGIN}^A0N,${height},${height}^FB${INNER},1,0,C,0${field(label.code)}`,
    // QR: model 2, error correction M, automatic data mode ("MA,").
    `^FO${(WIDTH - 25 * QR_MAGNIFICATION) / 2},140^BQN,2,${QR_MAGNIFICATION}^FH_^FDMA,${zplFieldData(label.code)}^FS`,
    ...label.facts.map(
      (fact, i) =>
        `^FO${MARGIN},${FACT_TOP + i * FACT_STEP}^A0N,40,40^FB${INNER},1,0,L,0${field(`${fact.name}: ${fact.value}`)}`,
    ),
    // Code 128 in automatic mode (A): the printer picks subsets, no human-readable line.
    `^FO${MARGIN},${BARCODE_TOP}^BY${moduleWidth(label.code)}^BCN,${BARCODE_HEIGHT},N,N,N,A${field(label.code)}`,
    '^PQ1',
    '^XZ',
  ];
  return lines.join('\n');
}

/** Several labels, one ^XA…^XZ format each, as a printer takes them in one job. */
export function labelsZpl(labels: Label[]): string {
  return `${labels.map(labelZpl).join('\n')}\n`;
}
