import { raw } from 'bwip-js';

/**
 * A label's two symbols as geometry, drawn as vectors (crisp on any printer, and faster than
 * rendering images): both hold the code exactly as printed, plain text with no URL, so a
 * scanner in keyboard mode types it into the scan box and GET /api/scan/{code} finds it.
 */
export interface LabelSymbols {
  /** QR modules, row by row: `size` × `size`, true for dark (error correction M, BWIPP's default). */
  qr: { size: number; dark: boolean[] };
  /** Code 128 element widths in modules, bar first, alternating bar and space. */
  code128: number[];
}

export function labelSymbols(code: string): LabelSymbols {
  const [qr] = raw({ bcid: 'qrcode', text: code });
  const [bars] = raw({ bcid: 'code128', text: code });
  if (!('pixs' in qr) || !('sbs' in bars)) throw new Error('bwip-js answered an unexpected shape');
  return {
    qr: { size: qr.pixx, dark: qr.pixs.map((pixel) => pixel === 1) },
    code128: bars.sbs,
  };
}
