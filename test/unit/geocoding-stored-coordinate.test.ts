import { describe, expect, it } from 'vitest';
import { toStoredCoordinate } from '../../lib/geocoding/stored-coordinate.js';

/** DynamoDB's number type: at most 38 significant digits, magnitude 0 or within 1e-130..1e+126. */
function fitsDynamoNumber(n: number): boolean {
  if (n === 0) return true;
  const digits = String(n).replace(/^-/, '').replace(/e.*$/, '').replace('.', '').replace(/^0+/, '');
  return Math.abs(n) >= 1e-130 && Math.abs(n) < 1e126 && digits.length <= 38;
}

describe('coordinates as stored: rounded to 7 decimal places', () => {
  it.each([
    [1e-131, 0],
    [-1e-131, 0],
    [5e-324, 0],
    [-5e-324, 0],
    [4e-8, 0],
    [1e-7, 1e-7],
    [-1e-7, -1e-7],
    [1.23456789012345678901234567890, 1.2345679],
    [-96.797012345678912345678901234, -96.7970123],
    [32.7767, 32.7767],
    [90, 90],
    [-180, -180],
  ])('%s → %s', (sent, stored) => {
    const out = toStoredCoordinate(sent);
    expect(out).toBe(stored);
    expect(Object.is(out, -0)).toBe(false); // -0 would come back as 0 anyway; store what we answer
    expect(fitsDynamoNumber(out)).toBe(true);
  });

  it('refuses what is not a finite number (the schema never lets one through)', () => {
    expect(() => toStoredCoordinate(Number.NaN)).toThrow(RangeError);
    expect(() => toStoredCoordinate(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});
