import { readFileSync } from 'node:fs';
import { PDF_BOLD, PDF_FONT } from './pdf-style';
import { toWinAnsi } from './win-ansi';

/** The scripts the documents print beside Latin, each with its Noto Sans font shipped as an npm package. */
export type Script = 'Devanagari' | 'Bengali';

const SCRIPTS: { script: Script; pattern: RegExp; regular: string; bold: string }[] = [
  {
    script: 'Devanagari',
    pattern: /\p{Script=Devanagari}/u,
    regular: '@expo-google-fonts/noto-sans-devanagari/400Regular/NotoSansDevanagari_400Regular.ttf',
    bold: '@expo-google-fonts/noto-sans-devanagari/700Bold/NotoSansDevanagari_700Bold.ttf',
  },
  {
    script: 'Bengali',
    pattern: /\p{Script=Bengali}/u,
    regular: '@expo-google-fonts/noto-sans-bengali/400Regular/NotoSansBengali_400Regular.ttf',
    bold: '@expo-google-fonts/noto-sans-bengali/700Bold/NotoSansBengali_700Bold.ttf',
  },
];

const SCRIPT_PATTERN = Object.fromEntries(SCRIPTS.map((s) => [s.script, s.pattern])) as Record<
  Script,
  RegExp
>;

// Letters and marks a script font has no glyph for: any script but Latin, the shared
// punctuation and digits (Common), combining marks (Inherited) and the font's own.
const FOREIGN_LETTER = /[\p{L}\p{M}]/u;
const SHARED = /[\p{Script=Latin}\p{Script=Common}\p{Script=Inherited}]/u;

/** The first Indian script the text is written in, or null for text the standard fonts print. */
export function scriptOf(text: string): Script | null {
  let first: { script: Script; at: number } | null = null;
  for (const { script, pattern } of SCRIPTS) {
    const at = text.search(pattern);
    if (at >= 0 && (first === null || at < first.at)) first = { script, at };
  }
  return first?.script ?? null;
}

/** Text for a script's font: letters of any other non-Latin script become "?", as in WinAnsi. */
function forScriptFont(text: string, script: Script): string {
  const own = SCRIPT_PATTERN[script];
  let out = '';
  for (const char of text.replace(/\r\n?/g, '\n')) {
    if (/\p{Cc}/u.test(char) && char !== '\n') continue;
    out += FOREIGN_LETTER.test(char) && !SHARED.test(char) && !own.test(char) ? '?' : char;
  }
  return out;
}

const fontFiles = new Map<string, Buffer>();

/** A font file's bytes, read once per process (each is a few hundred KB). */
function fontFile(module: string): Buffer {
  let bytes = fontFiles.get(module);
  if (!bytes) {
    bytes = readFileSync(require.resolve(module));
    fontFiles.set(module, bytes);
  }
  return bytes;
}

function fontName(script: Script, bold: boolean): string {
  return `NotoSans${script}${bold ? '-Bold' : ''}`;
}

/**
 * Writes a document's text in the font it needs: Helvetica (WinAnsi) for Latin, so English
 * documents stay as they were, and Noto Sans Devanagari or Bengali, embedded and shaped
 * (conjuncts, matras), for text in those scripts. The script fonts are embedded only when used.
 */
export class ScriptTypesetter {
  constructor(private readonly pdf: PDFKit.PDFDocument) {
    for (const { script, regular, bold } of SCRIPTS) {
      pdf.registerFont(fontName(script, false), fontFile(regular));
      pdf.registerFont(fontName(script, true), fontFile(bold));
    }
  }

  /** Selects the font text needs and answers the text as that font prints it (for measuring). */
  use(text: string, bold = false): string {
    return this.select(text, bold).printable;
  }

  private select(text: string, bold: boolean): { printable: string; script: Script | null } {
    const script = scriptOf(text);
    if (script === null) {
      this.pdf.font(bold ? PDF_BOLD : PDF_FONT);
      return { printable: toWinAnsi(text), script };
    }
    this.pdf.font(fontName(script, bold));
    return { printable: forScriptFont(text, script), script };
  }

  /**
   * Draws text in the font it needs. Text in an Indian script is drawn in visual glyph order
   * (a vowel sign before its consonant), so it is wrapped in a span whose ActualText holds the
   * text in reading order: copying or extracting it gives back exactly what was entered.
   */
  text(text: string, x: number, y: number, options: PDFKit.Mixins.TextOptions, bold = false): void {
    const { printable, script } = this.select(text, bold);
    if (script === null) {
      this.pdf.text(printable, x, y, options);
      return;
    }
    this.pdf.markContent('Span', { actual: printable });
    this.pdf.text(printable, x, y, options);
    this.pdf.endMarkedContent();
  }

  /** The height text takes in its font at the current size. */
  heightOf(text: string, options: PDFKit.Mixins.TextOptions, bold = false): number {
    return this.pdf.heightOfString(this.use(text, bold), options);
  }

  /** The width text takes in its font at the current size. */
  widthOf(text: string, bold = false): number {
    return this.pdf.widthOfString(this.use(text, bold));
  }
}
