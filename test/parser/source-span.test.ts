// Source spans: positions in a statement become positions in the request it was split from.
import { describe, expect, it } from 'vitest';
import { spanAt, spanInText, startOfText } from '../../src/parser/source-span.js';

describe('source spans', () => {
  // The statement text "ab\ncd" starts at offset 40, line 3, column 5 of its request:
  //   line 3: ....ab
  //   line 4: cd
  const origin = { offset: 40, line: 3, column: 5 };

  it('shifts the first line of the text by the origin column', () => {
    expect(spanInText('ab\ncd', 1, 1, origin)).toEqual({ start: 41, end: 42, line: 3, column: 6 });
  });

  it('leaves columns of later lines alone, since they start the request line too', () => {
    expect(spanInText('ab\ncd', 4, 1, origin)).toEqual({ start: 44, end: 45, line: 4, column: 2 });
    expect(spanAt(origin, 3, 4, 2, 1)).toEqual({ start: 43, end: 45, line: 4, column: 1 });
  });

  it('makes an empty span one character wide, so that a caret can point at it', () => {
    expect(spanInText('ab', 2, 0, startOfText)).toEqual({ start: 2, end: 3, line: 1, column: 3 });
  });
});
