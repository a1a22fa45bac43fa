// Tests for the conformance CLI's argument parsing.
import { describe, expect, it } from 'vitest';
import { CliUsageError, parseCliArguments } from './cli-arguments.js';

const defaults = { directory: '/corpus', reportPath: 'conformance-report.json' };

describe('parseCliArguments', () => {
  it('defaults to the shared corpus on the memory backend', () => {
    expect(parseCliArguments([], defaults)).toEqual({ directory: '/corpus', backend: 'memory', reportPath: 'conformance-report.json', updatePassing: false, verbose: false });
  });

  it('reads every option', () => {
    const parsed = parseCliArguments(['other', '--backend', 'embedded', '--filter', '^joins - ', '--sample', '20', '--report', 'r.json', '--update-passing', '--verbose'], defaults);
    expect(parsed).toMatchObject({ directory: 'other', backend: 'embedded', sample: 20, reportPath: 'r.json', updatePassing: true, verbose: true });
    expect(parsed.filter?.test('joins - a')).toBe(true);
  });

  it('rejects bad values and unknown arguments', () => {
    expect(() => parseCliArguments(['--backend', 'kafka'], defaults)).toThrow(CliUsageError);
    expect(() => parseCliArguments(['--sample', '0'], defaults)).toThrow(/positive whole number/);
    expect(() => parseCliArguments(['--filter', '('], defaults)).toThrow(/not a valid regex/);
    expect(() => parseCliArguments(['--report'], defaults)).toThrow(/needs a value/);
    expect(() => parseCliArguments(['--fast'], defaults)).toThrow(/unexpected argument --fast/);
    expect(() => parseCliArguments(['a', 'b'], defaults)).toThrow(/unexpected argument b/);
  });
});
