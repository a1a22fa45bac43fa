// tumbling-window's and hopping-window's expected outputs: one update per record and window holding it.
import { describe, expect, it } from 'vitest';
import type { BenchRecord } from '../../../bench/generators/bench-record.js';
import { hoppingTimeWindow, hoppingWindow } from '../../../bench/shapes/hopping-window.js';
import { timeWindowOutputs, windowStartsFor, type TimeWindow } from '../../../bench/shapes/time-window-outputs.js';
import { tumblingTimeWindow, tumblingWindow } from '../../../bench/shapes/tumbling-window.js';

const hopping: TimeWindow = { sizeMs: 10, advanceMs: 5, graceMs: 20 };

function at(timestampMs: number): BenchRecord {
  return { key: '1000', value: '{}', timestampMs };
}

describe('windowStartsFor', () => {
  it('finds every hopping window holding a time, its end excluded', () => {
    expect(windowStartsFor(12, hopping)).toEqual([5, 10]);
    expect(windowStartsFor(10, hopping)).toEqual([5, 10]);
    expect(windowStartsFor(14, { sizeMs: 10, advanceMs: 10, graceMs: 0 })).toEqual([10]);
  });

  it('leaves out windows that would start before 0', () => {
    expect(windowStartsFor(3, hopping)).toEqual([0]);
  });
});

describe('timeWindowOutputs', () => {
  it('counts one update per record and window', () => {
    expect(timeWindowOutputs([at(3), at(12), at(13)], hopping)).toEqual({ updates: 5, tombstones: 0 });
  });

  it('refuses input with a record later than its window end plus grace', () => {
    // Stream time 40 closes window [5, 15) at 35 and [10, 20) at 40: a record at 12 is late for both.
    expect(() => timeWindowOutputs([at(40), at(12)], hopping)).toThrow(/Input record 1 .* is late for window 5/);
    expect(timeWindowOutputs([at(34), at(12)], hopping).updates).toBe(4);
  });

  it('expects one update per generated bid tumbling, two hopping, with none late', () => {
    const bids = tumblingWindow.input(5000, 42, Date.now());
    expect(tumblingWindow.expectedOutputs(bids)).toEqual({ updates: 5000, tombstones: 0 });
    expect(hoppingWindow.expectedOutputs(bids)).toEqual({ updates: 10_000, tombstones: 0 });
    expect(hoppingTimeWindow.sizeMs / hoppingTimeWindow.advanceMs).toBe(2);
    expect(tumblingTimeWindow.advanceMs).toBe(tumblingTimeWindow.sizeMs);
  });
});
