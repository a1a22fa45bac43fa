// The shape list: the baseline runs first and names are unique.
import { describe, expect, it } from 'vitest';
import { availableShapes, baselineShape } from '../../../bench/shapes/index.js';

describe('benchmark shapes', () => {
  it('lists raw-passthrough first, as every ratio needs it', () => {
    expect(availableShapes[0]).toBe(baselineShape);
    expect(baselineShape.name).toBe('raw-passthrough');
  });

  it('names each shape once', () => {
    const names = availableShapes.map((shape) => shape.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('expects one output per input for the re-keying shape', () => {
    const rekey = availableShapes.find((shape) => shape.name === 'rekey')!;
    expect(rekey.expectedOutputs(rekey.input(100, 1, 0))).toEqual({ updates: 100, tombstones: 0 });
  });
});
