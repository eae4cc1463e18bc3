import { dirname, join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { PDFParse } from 'pdf-parse';
import type request from 'supertest';

/** A supertest parser keeping a binary body (a PDF, an image) as a Buffer: `.buffer(true).parse(binaryBody)`. */
export function binaryBody(
  response: request.Response,
  callback: (error: Error | null, body: Buffer) => void,
): void {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => {
    callback(null, Buffer.concat(chunks));
  });
}

let workerLoaded: Promise<unknown> | undefined;

/**
 * pdf.js parses in a "fake worker" on Node, which it loads by a dynamic import that Jest cannot run
 * (no --experimental-vm-modules). Loading the worker module here instead sets
 * `globalThis.pdfjsWorker`, which pdf.js then uses directly.
 */
function loadWorker(): Promise<unknown> {
  workerLoaded ??= import(join(dirname(require.resolve('pdf-parse')), 'pdf.worker.mjs'));
  return workerLoaded;
}

async function withParser<T>(pdf: Buffer, read: (parser: PDFParse) => Promise<T>): Promise<T> {
  await loadWorker();
  // pdf.js takes ownership of (detaches) the array it is given: hand it a copy.
  const parser = new PDFParse({ data: new Uint8Array(pdf) });
  try {
    return await read(parser);
  } finally {
    await parser.destroy();
  }
}

/** The text of every page, in reading order, as pdf.js extracts it. */
export function pdfText(pdf: Buffer): Promise<string> {
  return withParser(pdf, async (parser) => (await parser.getText()).text);
}

/** The text of each page, first page first. */
export function pdfPageTexts(pdf: Buffer): Promise<string[]> {
  return withParser(pdf, async (parser) => (await parser.getText()).pages.map((page) => page.text));
}

export function pdfPageCount(pdf: Buffer): Promise<number> {
  return withParser(pdf, async (parser) => (await parser.getInfo()).total);
}

/** Title, Author and the other Info dictionary entries. */
export function pdfInfo(pdf: Buffer): Promise<Record<string, unknown>> {
  return withParser(pdf, async (parser) => {
    const { info } = await parser.getInfo();
    return (info ?? {}) as Record<string, unknown>;
  });
}

/** Each page drawn as a PNG (pdf.js on a canvas), `scale` pixels a point. */
export function pdfPageImages(pdf: Buffer, scale = 2): Promise<Buffer[]> {
  return withParser(pdf, async (parser) =>
    (await parser.getScreenshot({ scale, imageBuffer: true, imageDataUrl: false })).pages.map(
      (page) => Buffer.from(page.data),
    ),
  );
}

/** A PDF literal string's bytes, from just after its "(" (escapes and nested brackets undone). */
function literalString(source: string, start: number): Buffer {
  const bytes: number[] = [];
  let depth = 0;
  for (let i = start; i < source.length; i++) {
    const char = source[i];
    if (char === '\\') {
      const next = source[++i];
      const escapes: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12 };
      if (next in escapes) bytes.push(escapes[next]);
      else if (/[0-7]/.test(next)) {
        const octal = /^[0-7]{1,3}/.exec(source.slice(i))![0];
        bytes.push(parseInt(octal, 8));
        i += octal.length - 1;
      } else if (next !== '\n' && next !== '\r') bytes.push(next.charCodeAt(0));
      continue;
    }
    if (char === '(') depth++;
    if (char === ')' && depth-- === 0) break;
    bytes.push(char.charCodeAt(0));
  }
  return Buffer.from(bytes);
}

function pdfString(bytes: Buffer): string {
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    const swapped = Buffer.from(bytes.subarray(2));
    swapped.swap16();
    return swapped.toString('utf16le');
  }
  return bytes.toString('latin1');
}

/**
 * The ActualText of every marked span in the page content, in drawing order: the text, in
 * reading order, that a reader copies or extracts for the glyphs the span holds (pdf.js, which
 * pdfText uses, reads the glyphs themselves instead).
 */
export function pdfActualTexts(pdf: Buffer): string[] {
  const raw = pdf.toString('latin1');
  const texts: string[] = [];
  for (const match of raw.matchAll(/stream\r?\n/g)) {
    const start = match.index + match[0].length;
    const end = raw.indexOf('endstream', start);
    let content: string;
    try {
      content = inflateSync(Buffer.from(raw.slice(start, end), 'latin1')).toString('latin1');
    } catch {
      continue;
    }
    for (const span of content.matchAll(/\/ActualText \(/g)) {
      texts.push(pdfString(literalString(content, span.index + span[0].length)));
    }
  }
  return texts;
}
