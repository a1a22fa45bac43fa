import { describe, expect, it } from 'vitest';
import { javaDoubleText } from '../../../src/planner/functions/java-text.js';

describe('javaDoubleText', () => {
  it("writes doubles as Java's Double.toString does", () => {
    expect(javaDoubleText(1)).toBe('1.0');
    expect(javaDoubleText(-0.5)).toBe('-0.5');
    expect(javaDoubleText(0)).toBe('0.0');
    expect(javaDoubleText(1e7)).toBe('1.0E7');
    expect(javaDoubleText(1.5e-7)).toBe('1.5E-7');
    expect(javaDoubleText(123456.789)).toBe('123456.789');
    expect(javaDoubleText(Number.NaN)).toBe('NaN');
    expect(javaDoubleText(-Infinity)).toBe('-Infinity');
  });
});
