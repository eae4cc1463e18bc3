import {
  arrheniusFromRollup,
  arrheniusOf,
  combineArrhenius,
  meanKineticTemperatureC,
  NO_READINGS,
} from './mkt';

const mkt = (temperatures: number[]): number | null =>
  meanKineticTemperatureC(arrheniusOf(temperatures));

describe('mean kinetic temperature', () => {
  it('of a constant temperature is that temperature', () => {
    // Every term is e^(−10000/T), so mean = e^(−10000/T), −ln(mean) = 10000/T and MKT = T.
    expect(mkt([-18, -18, -18])).toBeCloseTo(-18, 10);
    expect(mkt([5])).toBeCloseTo(5, 10);
  });

  it('of −20 and −10 °C is −13.36 °C, above the arithmetic mean', () => {
    // T1 = 253.15 K, T2 = 263.15 K; x1 = −10000/253.15 = −39.502271, x2 = −10000/263.15 = −38.001140.
    // mean = (e^x1 + e^x2)/2 = e^x2 · (1 + e^(x1−x2))/2 = e^x2 · (1 + e^−1.501131)/2
    //      = e^x2 · (1 + 0.222878)/2 = e^x2 · 0.611439
    // −ln(mean) = 38.001140 − ln 0.611439 = 38.001140 + 0.491940 = 38.493080
    // MKT = 10000 / 38.493080 = 259.786952 K = −13.363048 °C (the arithmetic mean is −15 °C).
    expect(mkt([-20, -10])).toBeCloseTo(-13.363048, 5);
  });

  it('of 2, 4 and 8 °C is 5.06 °C', () => {
    // x = −10000/275.15 = −36.343812, −10000/277.15 = −36.081544, −10000/281.15 = −35.568202
    // mean = e^−35.568202 · (e^−0.775610 + e^−0.513342 + 1)/3 = e^−35.568202 · (0.460423 + 0.598492 + 1)/3
    //      = e^−35.568202 · 0.686305; −ln(mean) = 35.568202 + 0.376433 = 35.944635
    // MKT = 10000 / 35.944635 = 278.205633 K = 5.055633 °C.
    expect(mkt([2, 4, 8])).toBeCloseTo(5.055633, 5);
  });

  it('is the same from hourly rollups as from the raw readings', () => {
    const hourA = [-20, -19.5, -18];
    const hourB = [-10, -12];
    const rollup = (values: number[]) =>
      arrheniusFromRollup(
        values.length,
        values.reduce((sum, c) => sum + Math.exp(-10_000 / (c + 273.15)), 0),
      );
    const fromRollups = meanKineticTemperatureC(combineArrhenius([rollup(hourA), rollup(hourB)]));
    expect(fromRollups).toBeCloseTo(mkt([...hourA, ...hourB]) ?? Number.NaN, 10);
  });

  it('stays finite at the ends of the sensor range, where the terms are e^−58', () => {
    expect(mkt([-100, -100])).toBeCloseTo(-100, 8);
    expect(mkt([100])).toBeCloseTo(100, 8);
  });

  it('is null without readings; an empty set combines as nothing', () => {
    expect(meanKineticTemperatureC(NO_READINGS)).toBeNull();
    expect(combineArrhenius([NO_READINGS, arrheniusOf([4])])).toEqual(arrheniusOf([4]));
  });
});
