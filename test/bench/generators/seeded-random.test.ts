// The seeded random source: repeatable, in range, and refusing to pick from nothing.
import { describe, expect, it } from 'vitest';
import { createSeededRandom } from '../../../bench/generators/seeded-random.js';

describe('createSeededRandom', () => {
  it('repeats its sequence for a seed', () => {
    const first = createSeededRandom(99);
    const second = createSeededRandom(99);
    const draws = Array.from({ length: 20 }, () => first.next());
    expect(Array.from({ length: 20 }, () => second.next())).toEqual(draws);
    expect(new Set(draws).size).toBe(20);
  });

  it('keeps integers within both bounds and reaches each of them', () => {
    const random = createSeededRandom(5);
    const seen = new Set<number>();
    for (let draw = 0; draw < 1000; draw++) {
      const value = random.integer(3, 6);
      expect(value).toBeGreaterThanOrEqual(3);
      expect(value).toBeLessThanOrEqual(6);
      seen.add(value);
    }
    expect([...seen].sort()).toEqual([3, 4, 5, 6]);
  });

  it('refuses to pick from no choices', () => {
    expect(() => createSeededRandom(1).pick([])).toThrow('pick needs at least one choice');
  });
});
