import { describe, expect, it } from 'vitest';
import { T, call } from './call-function.js';

const S = T.STRING;
const B = T.BYTES;
const bytes = (base64: string): Buffer => Buffer.from(base64, 'base64');
const base64 = (value: unknown): string => Buffer.from(value as Uint8Array).toString('base64');

describe('case and trimming', () => {
  it('LCASE, UCASE and TRIM follow Java', () => {
    expect(call('LCASE', [S], 'MiXeD')).toBe('mixed');
    expect(call('UCASE', [S], 'MiXeD')).toBe('MIXED');
    expect(call('TRIM', [S], ' \t with white space \t')).toBe('with white space');
    expect(call('TRIM', [S], null)).toBeNull();
  });

  it('INITCAP capitalizes each word and lower-cases the rest', () => {
    expect(call('INITCAP', [S], 'the QUICK brown fox')).toBe('The Quick Brown Fox');
    expect(call('INITCAP', [S], '')).toBe('');
  });
});

describe('SUBSTRING', () => {
  it('takes a 1-based position and optional length', () => {
    expect(call('SUBSTRING', [S, T.INT], 'some_string', 6)).toBe('string');
    expect(call('SUBSTRING', [S, T.INT], 'short', 6)).toBe('');
    expect(call('SUBSTRING', [S, T.INT, T.INT], 'some_string', 6, 3)).toBe('str');
    expect(call('SUBSTRING', [S, T.INT, T.INT], 'another', 6, 3)).toBe('er');
    expect(call('SUBSTRING', [S, T.INT, T.INT], 'text', 2, 5)).toBe('ext');
  });

  it('counts a negative position from the end and treats 0 as the start', () => {
    expect(call('SUBSTRING', [S, T.INT], 'abcdef', -2)).toBe('ef');
    expect(call('SUBSTRING', [S, T.INT, T.INT], 'some string', 0, 2)).toBe('so');
  });

  it('gives null for a null argument', () => {
    expect(call('SUBSTRING', [S, T.INT], null, 1)).toBeNull();
    expect(call('SUBSTRING', [S, T.INT], 'x', null)).toBeNull();
    expect(call('SUBSTRING', [S, T.INT, T.INT], 'x', 1, null)).toBeNull();
  });

  it('works on bytes', () => {
    expect(base64(call('SUBSTRING', [B, T.INT], bytes('c29tZV9zdHJpbmc='), 6))).toBe('c3RyaW5n');
    expect(base64(call('SUBSTRING', [B, T.INT, T.INT], bytes('c29tZV9zdHJpbmc='), 6, 3))).toBe('c3Ry');
    expect(base64(call('SUBSTRING', [B, T.INT], bytes('c2hvcnQ='), 6))).toBe('');
  });
});

describe('CONCAT and CONCAT_WS', () => {
  it('CONCAT skips nulls', () => {
    expect(call('CONCAT', [S, S, S], 'prefix-', 's1', '-postfix')).toBe('prefix-s1-postfix');
    expect(call('CONCAT', [S, S, S], '"', null, '\\')).toBe('"\\');
    expect(base64(call('CONCAT', [B, B, B], bytes('eWVz'), null, bytes('bm8=')))).toBe('eWVzbm8=');
  });

  it('CONCAT_WS joins non-null values and is null for a null separator', () => {
    expect(call('CONCAT_WS', [S, S, S, S, S, S], 'SEP', 'foo', null, 'baz', null, 'literal')).toBe('fooSEPbazSEPliteral');
    expect(call('CONCAT_WS', [S, S, S], 'SEP', null, null)).toBe('');
    expect(call('CONCAT_WS', [S, S], null, 'foo')).toBeNull();
    expect(base64(call('CONCAT_WS', [B, B, B, B, B], bytes('YQ=='), bytes('Yg=='), bytes('eWVz'), null, bytes('bm8=')))).toBe('YmF5ZXNhbm8=');
    expect(base64(call('CONCAT_WS', [B, B, B], bytes('YQ=='), bytes('Yg=='), bytes('')))).toBe('YmE=');
  });
});

describe('INSTR', () => {
  it('finds the first occurrence, 1-based, or 0', () => {
    expect(call('INSTR', [S, S], 'corporate floor', 'or')).toBe(2);
    expect(call('INSTR', [S, S], 'should I stay or should I go', 'or')).toBe(15);
    expect(call('INSTR', [S, S], 'no substring', 'or')).toBe(0);
  });

  it('starts from a position, counting occurrences, backwards when negative', () => {
    expect(call('INSTR', [S, S, T.INT], 'corporate floor', 'or', 4)).toBe(5);
    expect(call('INSTR', [S, S, T.INT, T.INT], 'corporate floor', 'or', 4, 2)).toBe(14);
    expect(call('INSTR', [S, S, T.INT], 'corporate floor', 'or', -4)).toBe(5);
    expect(call('INSTR', [S, S, T.INT, T.INT], 'corporate floor', 'or', -4, 2)).toBe(2);
    expect(call('INSTR', [S, S, T.INT, T.INT], 'short', 'or', -4, 2)).toBe(0);
  });
});

describe('REPLACE', () => {
  it('replaces every literal occurrence; nulls give null', () => {
    expect(call('REPLACE', [S, S, S], 'anaconda', 'a', 'o')).toBe('onocondo');
    expect(call('REPLACE', [S, S, S], 'a.b.c', '.', '$&')).toBe('a$&b$&c');
    expect(call('REPLACE', [S, S, S], 'abc', '', '-')).toBe('-a-b-c-');
    expect(call('REPLACE', [S, S, S], 'anaconda', null, 'o')).toBeNull();
    expect(call('REPLACE', [S, S, S], 'anaconda', 'a', null)).toBeNull();
  });
});

describe('SPLIT and SPLIT_TO_MAP', () => {
  it('keeps empty parts and splits into characters on an empty delimiter', () => {
    expect(call('SPLIT', [S, S], '..a..', '.')).toEqual(['', '', 'a', '', '']);
    expect(call('SPLIT', [S, S], 'a$$b.c', '$$')).toEqual(['a', 'b.c']);
    expect(call('SPLIT', [S, S], 'abc', '')).toEqual(['a', 'b', 'c']);
    expect(call('SPLIT', [S, S], '', '')).toEqual(['']);
  });

  it('splits bytes the same way', () => {
    const parts = call('SPLIT', [B, B], bytes('Li5hLi4='), Buffer.from('.')) as Uint8Array[];
    expect(parts.map(base64)).toEqual(['', '', 'YQ==', '', '']);
    expect((call('SPLIT', [B, B], bytes('YWJj'), Buffer.alloc(0)) as Uint8Array[]).map(base64)).toEqual(['YQ==', 'Yg==', 'Yw==']);
    expect((call('SPLIT', [B, B], Buffer.alloc(0), Buffer.from(',')) as Uint8Array[]).map(base64)).toEqual(['']);
  });

  it('SPLIT_TO_MAP skips malformed entries and is null for unusable delimiters', () => {
    expect(call('SPLIT_TO_MAP', [S, S, S], 'a=1;b=2;;bad;c=3=4;a=5', ';', '=')).toEqual(new Map([['a', '5'], ['b', '2']]));
    expect(call('SPLIT_TO_MAP', [S, S, S], 'a=1', '=', '=')).toBeNull();
  });
});

describe('padding', () => {
  it('LPAD and RPAD pad or truncate strings; bad length or empty pad gives null', () => {
    expect(call('LPAD', [S, T.INT, S], 'yes', 8, 'no')).toBe('nononyes');
    expect(call('RPAD', [S, T.INT, S], 'yes', 8, 'no')).toBe('yesnonon');
    expect(call('LPAD', [S, T.INT, S], 'yes', 2, 'no')).toBe('ye');
    expect(call('LPAD', [S, T.INT, S], 'yes', 0, 'no')).toBe('');
    expect(call('LPAD', [S, T.INT, S], 'yes', -1, 'no')).toBeNull();
    expect(call('RPAD', [S, T.INT, S], 'yes', 3, '')).toBeNull();
  });

  it('pads bytes', () => {
    expect(base64(call('LPAD', [B, T.INT, B], bytes('eWVz'), 8, bytes('bm8=')))).toBe('bm9ub255ZXM=');
    expect(base64(call('RPAD', [B, T.INT, B], bytes('eWVz'), 8, bytes('bm8=')))).toBe('eWVzbm9ub24=');
    expect(base64(call('RPAD', [B, T.INT, B], bytes('eWVz'), 2, bytes('bm8=')))).toBe('eWU=');
    expect(call('LPAD', [B, T.INT, B], bytes('eWVz'), 3, bytes(''))).toBeNull();
  });
});

describe('masking', () => {
  it('MASK replaces character classes, optionally with custom characters or none', () => {
    expect(call('MASK', [S], 'AbC-12 z')).toBe('XxX-nn-x');
    expect(call('MASK', [S, S, S, S, S], 'AbC-12', 'U', 'l', '#', null)).toBe('UlU-##');
  });

  it('masks the ends or keeps them', () => {
    expect(call('MASK_LEFT', [S, T.INT], 'AbCd12', 2)).toBe('XxCd12');
    expect(call('MASK_RIGHT', [S, T.INT], 'AbCd12', 2)).toBe('AbCdnn');
    expect(call('MASK_KEEP_LEFT', [S, T.INT], 'AbCd12', 2)).toBe('AbXxnn');
    expect(call('MASK_KEEP_RIGHT', [S, T.INT], 'AbCd12', 2)).toBe('XxXx12');
    expect(call('MASK_LEFT', [S, T.INT], 'Ab', 10)).toBe('Xx');
    expect(call('MASK_LEFT', [S, T.INT, S, S, S, S], 'AbCd12', 3, '*', '*', null, null)).toBe('***d12');
  });

  it('rejects a negative count', () => {
    expect(() => call('MASK_LEFT', [S, T.INT], 'abc', -1)).toThrow(/non-negative/);
  });
});

describe('bytes and encodings', () => {
  it('FROM_BYTES and TO_BYTES convert with hex, utf8, ascii and base64', () => {
    expect(call('FROM_BYTES', [B, S], bytes('GrI='), 'hex')).toBe('1AB2');
    expect(base64(call('TO_BYTES', [S, S], '1aB2', 'hex'))).toBe('GrI=');
    expect(call('FROM_BYTES', [B, S], bytes('IQ=='), 'ascii')).toBe('!');
    expect(call('FROM_BYTES', [B, S], bytes('IQ=='), 'utf8')).toBe('!');
    expect(call('FROM_BYTES', [B, S], bytes('IQ=='), 'base64')).toBe('IQ==');
    expect(base64(call('TO_BYTES', [S, S], 'IQ==', 'base64'))).toBe('IQ==');
  });

  it('rejects unknown encodings and bad hex', () => {
    expect(() => call('TO_BYTES', [S, S], 'abc', 'ebcdic')).toThrow(/Supported input encodings/);
    expect(() => call('TO_BYTES', [S, S], 'abc', 'hex')).toThrow(/not a valid hex/);
  });

  it('ENCODE re-encodes text', () => {
    expect(call('ENCODE', [S, S, S], 'hello', 'ascii', 'hex')).toBe('68656c6c6f');
    expect(call('ENCODE', [S, S, S], '68656c6c6f', 'hex', 'utf8')).toBe('hello');
    expect(call('ENCODE', [S, S, S], 'hello', 'utf8', 'base64')).toBe('aGVsbG8=');
  });

  it('LEN counts characters or bytes', () => {
    expect(call('LEN', [S], 'hello')).toBe(5);
    expect(call('LEN', [B], bytes('eWVz'))).toBe(3);
    expect(call('LEN', [S], null)).toBeNull();
  });
});

describe('CHR, ELT, FIELD, MD5, UUID', () => {
  it('CHR builds a character from a code point or escape', () => {
    expect(call('CHR', [T.INT], 75)).toBe('K');
    expect(call('CHR', [T.INT], 128512)).toBe('😀');
    expect(call('CHR', [S], '\\u004b')).toBe('K');
    expect(call('CHR', [S], 'nope')).toBeNull();
    expect(call('CHR', [T.INT], -1)).toBeNull();
  });

  it('ELT picks the n-th string', () => {
    expect(call('ELT', [T.INT, S, S], 2, 'a', 'b')).toBe('b');
    expect(call('ELT', [T.INT, S, S], 3, 'a', 'b')).toBeNull();
    expect(call('ELT', [T.INT, S, S], 0, 'a', 'b')).toBeNull();
  });

  it('FIELD finds a string among the others', () => {
    expect(call('FIELD', [S, S, S, S], 'c', 'a', 'b', 'c')).toBe(3);
    expect(call('FIELD', [S, S, S], 'z', 'a', 'b')).toBe(0);
    expect(call('FIELD', [S, S, S], null, 'a', null)).toBe(0);
  });

  it('MD5 hashes to lower-case hex', () => {
    expect(call('MD5', [S], 'hello')).toBe('5d41402abc4b2a76b9719d911017c592');
  });

  it('UUID is random, or formats 16 bytes', () => {
    const first = call('UUID', []) as string;
    expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(call('UUID', [])).not.toBe(first);
    expect(call('UUID', [B], Buffer.from('0123456789abcdef0123456789abcdef', 'hex'))).toBe('01234567-89ab-cdef-0123-456789abcdef');
    expect(call('UUID', [B], Buffer.from('01', 'hex'))).toBeNull();
  });
});
