import { describe, expect, it } from 'vitest';
import { T, call } from './call-function.js';

const bytes = (base64: string): Buffer => Buffer.from(base64, 'base64');

describe('numbers from bytes', () => {
  it('reads big-endian by default', () => {
    expect(call('INT_FROM_BYTES', [T.BYTES], bytes('AAAH5Q=='))).toBe(2021);
    expect(call('BIGINT_FROM_BYTES', [T.BYTES], bytes('AAAAASoF8gA='))).toBe(5000000000n);
    expect(call('DOUBLE_FROM_BYTES', [T.BYTES], bytes('QICm/ZvJ9YI='))).toBe(532.8738323);
  });

  it('reads little-endian on request', () => {
    expect(call('INT_FROM_BYTES', [T.BYTES, T.STRING], bytes('5QcAAA=='), 'LITTLE_ENDIAN')).toBe(2021);
    expect(call('BIGINT_FROM_BYTES', [T.BYTES, T.STRING], bytes('APIFKgEAAAA='), 'LITTLE_ENDIAN')).toBe(5000000000n);
    expect(call('DOUBLE_FROM_BYTES', [T.BYTES, T.STRING], bytes('gvXJm/2mgEA='), 'little_endian')).toBe(532.8738323);
  });

  it('rejects the wrong number of bytes or an unknown byte order', () => {
    expect(() => call('INT_FROM_BYTES', [T.BYTES], bytes('AAAH'))).toThrow(/must be equal to 4/);
    expect(() => call('INT_FROM_BYTES', [T.BYTES, T.STRING], bytes('AAAH5Q=='), 'MIDDLE')).toThrow(/byteOrder/);
    expect(call('INT_FROM_BYTES', [T.BYTES], null)).toBeNull();
  });
});
