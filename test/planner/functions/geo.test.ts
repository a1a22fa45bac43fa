import { describe, expect, it } from 'vitest';
import { T, call } from './call-function.js';

const D = T.DOUBLE;
// San Francisco to London
const POINTS = [37.4439, -122.1663, 51.5257, -0.1122];

describe('GEO_DISTANCE', () => {
  it('measures great-circle distance in km by default, or miles', () => {
    expect(call('GEO_DISTANCE', [D, D, D, D], ...POINTS)).toBeCloseTo(8634.65, 1);
    expect(call('GEO_DISTANCE', [D, D, D, D, T.STRING], ...POINTS, 'MI')).toBeCloseTo(5365.66, 1);
    expect(call('GEO_DISTANCE', [T.INT, T.INT, T.INT, T.INT], 0, 0, 0, 0)).toBe(0);
  });

  it('rejects bad coordinates and units', () => {
    expect(() => call('GEO_DISTANCE', [D, D, D, D], 91, 0, 0, 0)).toThrow(/latitude/);
    expect(() => call('GEO_DISTANCE', [D, D, D, D], 0, 181, 0, 0)).toThrow(/longitude/);
    expect(() => call('GEO_DISTANCE', [D, D, D, D, T.STRING], 0, 0, 0, 0, 'parsecs')).toThrow(/units/);
  });
});
