/**
 * What a location's label encodes: its chamber's code and its own, "FRZ-A:F1-R03-L2-S04". Slot
 * codes are unique only in their chamber (every chamber laid out from one template repeats them),
 * chamber codes in their warehouse; ":" is in neither, so the pair splits back without doubt.
 */
export const LOCATION_CODE_SEPARATOR = ':';

export const locationScanCode = (chamberCode: string, locationCode: string): string =>
  `${chamberCode}${LOCATION_CODE_SEPARATOR}${locationCode}`;

/** A scanned code read as a location's: the chamber code (null when only a slot code was typed). */
export function parseLocationScanCode(code: string): { chamber: string | null; location: string } {
  const at = code.indexOf(LOCATION_CODE_SEPARATOR);
  if (at < 0) return { chamber: null, location: code };
  return { chamber: code.slice(0, at), location: code.slice(at + 1) };
}
