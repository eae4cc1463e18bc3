import { toBuffer } from 'bwip-js';

/**
 * A label's two symbols as PNG images: a QR code and a Code 128 barcode, both holding the code
 * exactly as printed (plain text, no URL), so any scanner in keyboard mode types it into the
 * scan box and GET /api/scan/{code} finds it.
 */
export interface LabelSymbols {
  qr: Buffer;
  code128: Buffer;
}

export async function labelSymbols(code: string): Promise<LabelSymbols> {
  const [qr, code128] = await Promise.all([
    // BWIPP's default error correction (M) survives a scuffed corner; padding is the quiet zone.
    toBuffer({ bcid: 'qrcode', text: code, scale: 4, padding: 4 }),
    toBuffer({ bcid: 'code128', text: code, scale: 2, height: 12, paddingwidth: 10 }),
  ]);
  return { qr, code128 };
}
