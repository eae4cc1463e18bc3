import { ACTIVATION_K } from 'src/cold-chain/readings/readings.sql';

/** 0 °C in kelvin. */
export const ZERO_C_K = 273.15;

/**
 * The Arrhenius terms of a set of readings, kept as (n, ln Σ e^(−ΔH/(R·Tᵢ))): a sum of terms as
 * small as e^−57 is kept by its logarithm, so sets combine (log-sum-exp) without losing digits.
 */
export interface ArrheniusSum {
  count: number;
  /** ln Σ exp(−ΔH/(R·Tᵢ)); −Infinity for no readings. */
  lnSum: number;
}

export const NO_READINGS: ArrheniusSum = { count: 0, lnSum: Number.NEGATIVE_INFINITY };

/** ln(e^a + e^b) without overflow or underflow. */
function logAddExp(a: number, b: number): number {
  if (a === Number.NEGATIVE_INFINITY) return b;
  if (b === Number.NEGATIVE_INFINITY) return a;
  const high = Math.max(a, b);
  return high + Math.log1p(Math.exp(Math.min(a, b) - high));
}

/** The readings of several sets as one. */
export function combineArrhenius(parts: readonly ArrheniusSum[]): ArrheniusSum {
  return parts.reduce(
    (total, part) => ({
      count: total.count + part.count,
      lnSum: logAddExp(total.lnSum, part.lnSum),
    }),
    NO_READINGS,
  );
}

/** The Arrhenius terms of raw readings (°C), summed by log-sum-exp around the largest term. */
export function arrheniusOf(temperaturesC: readonly number[]): ArrheniusSum {
  if (temperaturesC.length === 0) return NO_READINGS;
  const exponents = temperaturesC.map((c) => -ACTIVATION_K / (c + ZERO_C_K));
  const high = Math.max(...exponents);
  const shifted = exponents.reduce((sum, x) => sum + Math.exp(x - high), 0);
  return { count: temperaturesC.length, lnSum: high + Math.log(shifted) };
}

/** From an hourly rollup's `reading_count` and `arrhenius_sum` (Σ exp(−ΔH/(R·Tᵢ))). */
export function arrheniusFromRollup(count: number, arrheniusSum: number): ArrheniusSum {
  return count === 0 ? NO_READINGS : { count, lnSum: Math.log(arrheniusSum) };
}

/**
 * Mean kinetic temperature (USP <1160>), °C: MKT = (ΔH/R) / −ln(mean(e^(−ΔH/(R·Tᵢ)))), with
 * −ln(mean) = ln n − ln Σ. Null without readings.
 */
export function meanKineticTemperatureC(sum: ArrheniusSum): number | null {
  if (sum.count === 0) return null;
  return ACTIVATION_K / (Math.log(sum.count) - sum.lnSum) - ZERO_C_K;
}

/** A temperature as the wire shows it: °C to 2 places. */
export function roundC(value: number): number {
  return Math.round(value * 100) / 100;
}
