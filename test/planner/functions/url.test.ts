import { describe, expect, it } from 'vitest';
import { T, call } from './call-function.js';

const S = T.STRING;
const URL_TEXT = 'https://user@www.example.com:8080/a%20path/index.html?q=1&name=b%26c&flag#frag%21';

describe('URL extraction', () => {
  it('extracts each part, decoded', () => {
    expect(call('URL_EXTRACT_PROTOCOL', [S], URL_TEXT)).toBe('https');
    expect(call('URL_EXTRACT_HOST', [S], URL_TEXT)).toBe('www.example.com');
    expect(call('URL_EXTRACT_PORT', [S], URL_TEXT)).toBe(8080);
    expect(call('URL_EXTRACT_PATH', [S], URL_TEXT)).toBe('/a path/index.html');
    expect(call('URL_EXTRACT_QUERY', [S], URL_TEXT)).toBe('q=1&name=b&c&flag');
    expect(call('URL_EXTRACT_FRAGMENT', [S], URL_TEXT)).toBe('frag!');
  });

  it('gives null for absent parts', () => {
    const plain = 'http://example.com';
    expect(call('URL_EXTRACT_PORT', [S], plain)).toBeNull();
    expect(call('URL_EXTRACT_QUERY', [S], plain)).toBeNull();
    expect(call('URL_EXTRACT_FRAGMENT', [S], plain)).toBeNull();
    expect(call('URL_EXTRACT_PATH', [S], plain)).toBe('');
    expect(call('URL_EXTRACT_PROTOCOL', [S], '/relative/path')).toBeNull();
  });

  it('URL_EXTRACT_PARAMETER returns the first decoded value', () => {
    expect(call('URL_EXTRACT_PARAMETER', [S, S], URL_TEXT, 'name')).toBe('b&c');
    expect(call('URL_EXTRACT_PARAMETER', [S, S], URL_TEXT, 'flag')).toBe('');
    expect(call('URL_EXTRACT_PARAMETER', [S, S], URL_TEXT, 'missing')).toBeNull();
    expect(call('URL_EXTRACT_PARAMETER', [S, S], 'http://x.com', 'q')).toBeNull();
  });

  it('rejects invalid URLs', () => {
    expect(() => call('URL_EXTRACT_HOST', [S], 'http://exa mple.com')).toThrow(/invalid syntax/);
  });
});

describe('URL parameter encoding', () => {
  it('encodes and decodes like java.net.URLEncoder/URLDecoder', () => {
    expect(call('URL_ENCODE_PARAM', [S], "a b&c=d/é*-_.~'")).toBe('a+b%26c%3Dd%2F%C3%A9*-_.%7E%27');
    expect(call('URL_DECODE_PARAM', [S], 'a+b%26c%3Dd%2F%C3%A9')).toBe('a b&c=d/é');
    expect(() => call('URL_DECODE_PARAM', [S], '%E0%A4%A')).toThrow(/percent-encoding/);
  });
});
