import { dirname, join } from 'node:path';
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
