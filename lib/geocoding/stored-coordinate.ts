/**
 * Every coordinate Fieldbook stores — a client's pin, a provider's answer —
 * is rounded to 7 decimal places (~1 cm), the finest a position means.
 * DynamoDB numbers hold 38 significant digits within 1e-130..1e+126 in
 * magnitude, so an unrounded 1e-131 or 5e-324 from a client would fail the
 * write; rounded, it is 0. A double rounded to 7 places has at most 17
 * significant digits, so nothing a client sends can reach those limits.
 */
export const coordinateDecimals = 7;

export function toStoredCoordinate(value: number): number {
  if (!Number.isFinite(value)) throw new RangeError(`coordinate ${value} is not a finite number`);
  // toFixed rounds the exact decimal value of the double; `+ 0` turns -0 into 0.
  return Number(value.toFixed(coordinateDecimals)) + 0;
}
