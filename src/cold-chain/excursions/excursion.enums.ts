/** Which side of the range a breach left by. */
export enum ExcursionDirection {
  Above = 'ABOVE',
  Below = 'BELOW',
}

/** What a manager decided for a lot held by an excursion. */
export enum LotDisposition {
  Released = 'RELEASED',
  Quarantined = 'QUARANTINED',
  Destroyed = 'DESTROYED',
}

/** The hold reason a lot carries while an excursion holds it. */
export const TEMPERATURE_EXCURSION_HOLD = 'TEMPERATURE_EXCURSION';
