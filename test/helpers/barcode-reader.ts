import { createCanvas, loadImage } from '@napi-rs/canvas';
import {
  BarcodeFormat,
  BinaryBitmap,
  DecodeHintType,
  HybridBinarizer,
  MultiFormatReader,
  RGBLuminanceSource,
} from '@zxing/library';
import jsQR from 'jsqr';

interface Pixels {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

/** A PNG's RGBA pixels, optionally only a region of it. */
async function pixels(
  png: Buffer,
  region?: { x: number; y: number; width: number; height: number },
): Promise<Pixels> {
  const image = await loadImage(png);
  const area = region ?? { x: 0, y: 0, width: image.width, height: image.height };
  const canvas = createCanvas(area.width, area.height);
  const context = canvas.getContext('2d');
  context.drawImage(image, -area.x, -area.y);
  const { data } = context.getImageData(0, 0, area.width, area.height);
  return { data, width: area.width, height: area.height };
}

/** The text of the QR code in a PNG, as a phone or scanner would read it; null when none is found. */
export async function readQrCode(
  png: Buffer,
  region?: Parameters<typeof pixels>[1],
): Promise<string | null> {
  const image = await pixels(png, region);
  return jsQR(image.data, image.width, image.height)?.data ?? null;
}

/** The text of the Code 128 barcode in a PNG (ZXing); throws when none is found. */
export async function readCode128(
  png: Buffer,
  region?: Parameters<typeof pixels>[1],
): Promise<string> {
  const image = await pixels(png, region);
  const luminances = new Uint8ClampedArray(image.width * image.height);
  for (let i = 0; i < luminances.length; i += 1) {
    const [r, g, b] = [image.data[i * 4], image.data[i * 4 + 1], image.data[i * 4 + 2]];
    luminances[i] = Math.round(0.299 * r + 0.587 * g + 0.114 * b);
  }
  const source = new RGBLuminanceSource(luminances, image.width, image.height);
  const reader = new MultiFormatReader();
  const hints = new Map<DecodeHintType, unknown>([
    [DecodeHintType.POSSIBLE_FORMATS, [BarcodeFormat.CODE_128]],
    [DecodeHintType.TRY_HARDER, true],
  ]);
  return reader.decode(new BinaryBitmap(new HybridBinarizer(source)), hints).getText();
}
