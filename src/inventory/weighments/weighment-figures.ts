import { compareDecimal, fromScaled, mulDivHalfUp, toScaled } from 'src/common/decimal';
import { invalid } from 'src/common/validation/validation-failed.error';

const KG_SCALE = 3;

/** A weighbridge's range: a truck and its load weigh less; anything more is a typing error. */
export const MAX_WEIGHBRIDGE_KG = '200000';

/** The truck as weighed, loaded and empty. */
export interface TruckWeights {
  gross_kg: string;
  tare_kg: string;
}

/** Net kg of a weighbridge ticket (3 places): gross > tare ≥ 0, gross at most the bridge's range. */
export function netOfTicket(weights: TruckWeights, field = 'weighment'): string {
  if (compareDecimal(weights.gross_kg, MAX_WEIGHBRIDGE_KG, KG_SCALE) > 0) {
    throw invalid(
      `${field}.gross_kg`,
      `${field}.gross_kg must be at most ${MAX_WEIGHBRIDGE_KG} kg`,
    );
  }
  if (compareDecimal(weights.tare_kg, weights.gross_kg, KG_SCALE) >= 0) {
    throw invalid(`${field}.tare_kg`, `${field}.tare_kg must be less than gross_kg`);
  }
  return fromScaled(
    toScaled(weights.gross_kg, KG_SCALE) - toScaled(weights.tare_kg, KG_SCALE),
    KG_SCALE,
  );
}

/** Kg with exactly 3 places, as weighbridge tickets print them: "10000.000". */
export function kg3(value: string): string {
  const scaled = toScaled(value, KG_SCALE);
  const sign = scaled < 0n ? '-' : '';
  const digits = (scaled < 0n ? -scaled : scaled).toString().padStart(KG_SCALE + 1, '0');
  return `${sign}${digits.slice(0, -KG_SCALE)}.${digits.slice(-KG_SCALE)}`;
}

/** a / b to `places` decimals, rounded half away from zero; b > 0. */
function ratio(a: bigint, b: bigint, places: number): string {
  const negative = a < 0n;
  const scaled = mulDivHalfUp(negative ? -a : a, 10n ** BigInt(places), b);
  const digits = scaled.toString().padStart(places + 1, '0');
  const text = places ? `${digits.slice(0, -places)}.${digits.slice(-places)}` : digits;
  return negative && scaled !== 0n ? `-${text}` : text;
}

/** What a check-weighing of some bags says about the lot. */
export interface SampleFigures {
  /** Bags weighed as a percent of the lot's bags on hand, 1 place. */
  share_percent: string;
  /** kg per bag weighed, 3 places. */
  average_kg_per_bag: string;
  /** The lot's kg per bag on hand (its recorded weight), 3 places; null when it has no weight. */
  declared_average_kg_per_bag: string | null;
  /** How far the weighed average is from the declared one, percent, 1 place; null without one. */
  deviation_percent: string | null;
}

/**
 * The figures of a sample, exact to their last place: 25 of 250 bags weighing 1250 kg from a
 * lot of 10000 kg → 10.0%, 50.000 kg/bag against 40.000, +25.0%.
 */
export function sampleFigures(sample: {
  bags: number;
  totalKg: string;
  lotQuantity: number;
  lotWeightKg: string;
}): SampleFigures {
  const total = toScaled(sample.totalKg, KG_SCALE);
  const lotKg = toScaled(sample.lotWeightKg, KG_SCALE);
  const bags = BigInt(sample.bags);
  const onHand = BigInt(sample.lotQuantity);
  const declared = lotKg > 0n && onHand > 0n;
  return {
    share_percent: ratio(bags * 100n, onHand, 1),
    average_kg_per_bag: ratio(total, bags * 10n ** BigInt(KG_SCALE), KG_SCALE),
    declared_average_kg_per_bag: declared
      ? ratio(lotKg, onHand * 10n ** BigInt(KG_SCALE), KG_SCALE)
      : null,
    // (total / bags − lotKg / onHand) / (lotKg / onHand) × 100
    deviation_percent: declared
      ? ratio((total * onHand - lotKg * bags) * 100n, lotKg * bags, 1)
      : null,
  };
}
