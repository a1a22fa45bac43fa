// Expressions: precedence, literals, constructors, function calls, lambdas and postfix operators.
import { describe, expect, it } from 'vitest';
import { ParseError, parseExpression } from '../../src/parser/index.js';
import { withoutSpans } from './without-spans.js';

function parsed(sql: string): unknown {
  return withoutSpans(parseExpression(sql));
}

const column = (name: string, source?: string) => ({ kind: 'ColumnRef', source, name });
const integer = (text: string) => ({ kind: 'IntegerLiteral', text });

describe('operator precedence', () => {
  it('binds AND tighter than OR', () => {
    expect(parsed('a OR b AND c')).toEqual({
      kind: 'LogicalBinary',
      operator: 'OR',
      left: column('A'),
      right: { kind: 'LogicalBinary', operator: 'AND', left: column('B'), right: column('C') },
    });
  });

  it('binds NOT tighter than AND, and looser than a comparison', () => {
    expect(parsed('NOT a = 1 AND b')).toEqual({
      kind: 'LogicalBinary',
      operator: 'AND',
      left: { kind: 'Not', operand: { kind: 'Comparison', operator: '=', left: column('A'), right: integer('1') } },
      right: column('B'),
    });
  });

  it('binds * tighter than +, and + tighter than a comparison', () => {
    expect(parsed('1 + 2 * 3 > 4')).toEqual({
      kind: 'Comparison',
      operator: '>',
      left: {
        kind: 'ArithmeticBinary',
        operator: '+',
        left: integer('1'),
        right: { kind: 'ArithmeticBinary', operator: '*', left: integer('2'), right: integer('3') },
      },
      right: integer('4'),
    });
  });

  it('is left-associative for - and /', () => {
    expect(parsed('8 - 4 - 2')).toEqual({
      kind: 'ArithmeticBinary',
      operator: '-',
      left: { kind: 'ArithmeticBinary', operator: '-', left: integer('8'), right: integer('4') },
      right: integer('2'),
    });
  });

  it('makes || looser than +, as in ksqlDB', () => {
    expect(parsed("'a' || 1 + 2")).toEqual({
      kind: 'Concat',
      left: { kind: 'StringLiteral', value: 'a' },
      right: { kind: 'ArithmeticBinary', operator: '+', left: integer('1'), right: integer('2') },
    });
  });

  it('applies unary minus to the postfix expression after it', () => {
    expect(parsed('-a[1] * 2')).toEqual({
      kind: 'ArithmeticBinary',
      operator: '*',
      left: { kind: 'ArithmeticUnary', operator: '-', operand: { kind: 'Subscript', base: column('A'), index: integer('1') } },
      right: integer('2'),
    });
  });

  it('groups with parentheses', () => {
    expect(parsed('(1 + 2) * 3')).toMatchObject({ kind: 'ArithmeticBinary', operator: '*', left: { operator: '+' } });
  });

  it('reads != as <>', () => {
    expect(parsed('a != b')).toMatchObject({ kind: 'Comparison', operator: '<>' });
  });
});

describe('predicates', () => {
  it('reads [NOT] BETWEEN, whose AND is not a logical AND', () => {
    expect(parsed('a NOT BETWEEN 1 AND 2 AND b')).toEqual({
      kind: 'LogicalBinary',
      operator: 'AND',
      left: { kind: 'Between', negated: true, value: column('A'), lower: integer('1'), upper: integer('2') },
      right: column('B'),
    });
  });

  it('reads IN, LIKE with ESCAPE, IS NULL and IS DISTINCT FROM', () => {
    expect(parsed('a IN (1, 2)')).toEqual({ kind: 'InList', negated: false, value: column('A'), list: [integer('1'), integer('2')] });
    expect(parsed("a NOT LIKE 'x!%' ESCAPE '!'")).toEqual({ kind: 'Like', negated: true, value: column('A'), pattern: { kind: 'StringLiteral', value: 'x!%' }, escape: '!' });
    expect(parsed('a IS NOT NULL')).toEqual({ kind: 'IsNull', negated: true, operand: column('A') });
    expect(parsed('a IS DISTINCT FROM b')).toEqual({ kind: 'IsDistinctFrom', negated: false, left: column('A'), right: column('B') });
  });

  it('rejects an empty IN list and a multi-character ESCAPE', () => {
    expect(() => parseExpression('a IN ()')).toThrow(ParseError);
    expect(() => parseExpression("a LIKE 'x' ESCAPE 'ab'")).toThrow(/single character/);
  });
});

describe('literals', () => {
  it('tells integers, decimals and doubles apart', () => {
    expect(parsed('12')).toEqual(integer('12'));
    expect(parsed('1.50')).toEqual({ kind: 'DecimalLiteral', text: '1.50' });
    expect(parsed('.5')).toEqual({ kind: 'DecimalLiteral', text: '.5' });
    expect(parsed('1.5E-3')).toEqual({ kind: 'DoubleLiteral', text: '1.5E-3' });
  });

  it('unescapes doubled quotes in strings', () => {
    expect(parsed("'it''s'")).toEqual({ kind: 'StringLiteral', value: "it's" });
  });

  it('reads NULL, TRUE and FALSE in any case', () => {
    expect(parsed('null')).toEqual({ kind: 'NullLiteral' });
    expect(parsed('True')).toEqual({ kind: 'BooleanLiteral', value: true });
    expect(parsed('FALSE')).toEqual({ kind: 'BooleanLiteral', value: false });
  });

  it('reads a type name before a string as a typed literal', () => {
    expect(parsed("DATE '2020-01-01'")).toEqual({ kind: 'TypedLiteral', typeName: 'DATE', value: '2020-01-01' });
    expect(parsed("timestamp '2020-01-01T00:00:00'")).toMatchObject({ kind: 'TypedLiteral', typeName: 'TIMESTAMP' });
  });

  it('accepts the BIGINT range and rejects numbers outside it', () => {
    expect(parsed('9223372036854775807')).toEqual(integer('9223372036854775807'));
    expect(parsed('-9223372036854775808')).toEqual({ kind: 'ArithmeticUnary', operator: '-', operand: integer('9223372036854775808') });
    expect(() => parseExpression('9223372036854775808')).toThrow('Invalid numeric literal: 9223372036854775808');
    expect(() => parseExpression('-9223372036854775809')).toThrow('Invalid numeric literal: -9223372036854775809');
  });

  it('rejects a double that overflows', () => {
    expect(() => parseExpression('1.7976931348623159E308')).toThrow('Number overflows DOUBLE: 1.7976931348623159E308');
    expect(() => parseExpression('-1.8E308')).toThrow('Number overflows DOUBLE: -1.8E308');
  });
});

describe('constructors, CASE and CAST', () => {
  it('builds ARRAY, MAP and STRUCT constructors, empty ones included', () => {
    expect(parsed('ARRAY[1, 2]')).toEqual({ kind: 'ArrayConstructor', elements: [integer('1'), integer('2')] });
    expect(parsed("MAP('a' := 1)")).toEqual({ kind: 'MapConstructor', entries: [{ key: { kind: 'StringLiteral', value: 'a' }, value: integer('1') }] });
    expect(parsed('MAP()')).toEqual({ kind: 'MapConstructor', entries: [] });
    expect(parsed('STRUCT(f := 1, `g` := 2)')).toEqual({ kind: 'StructConstructor', fields: [{ name: 'F', value: integer('1') }, { name: 'g', value: integer('2') }] });
  });

  it('builds searched and simple CASE', () => {
    expect(parsed("CASE WHEN a > 1 THEN 'big' ELSE 'small' END")).toMatchObject({
      kind: 'SearchedCase',
      whens: [{ condition: { kind: 'Comparison' }, result: { value: 'big' } }],
      otherwise: { value: 'small' },
    });
    expect(parsed("CASE a WHEN 1 THEN 'one' END")).toMatchObject({ kind: 'SimpleCase', operand: column('A'), whens: [{ condition: integer('1') }], otherwise: undefined });
  });

  it('builds CAST with a type', () => {
    expect(parsed('CAST(a AS DECIMAL(10, 2))')).toEqual({ kind: 'Cast', operand: column('A'), type: { kind: 'DecimalType', precision: 10, scale: 2 } });
  });
});

describe('functions and lambdas', () => {
  it('upper-cases function names and reads fn(*)', () => {
    expect(parsed('count(*)')).toEqual({ kind: 'FunctionCall', name: 'COUNT', args: [], star: true });
    expect(parsed('substring(s, 1)')).toEqual({ kind: 'FunctionCall', name: 'SUBSTRING', args: [column('S'), integer('1')], star: false });
  });

  it('reads a bare plural time unit argument as an interval unit', () => {
    expect(parsed('TIMESTAMPADD(SECONDS, 5, ts)')).toMatchObject({ args: [{ kind: 'IntervalUnitArg', unit: 'SECONDS' }, integer('5'), column('TS')] });
    expect(parsed('dateadd(days, 1, d)')).toMatchObject({ args: [{ kind: 'IntervalUnitArg', unit: 'DAYS' }, {}, {}] });
  });

  it('keeps a quoted or qualified unit-like name a column', () => {
    expect(parsed('f(`SECONDS`, t.DAYS)')).toMatchObject({ args: [column('SECONDS'), column('DAYS', 'T')] });
  });

  it('builds lambdas whose parameters become lambda variables in the body', () => {
    expect(parsed('TRANSFORM(xs, x => x + y)')).toEqual({
      kind: 'FunctionCall',
      name: 'TRANSFORM',
      star: false,
      args: [
        column('XS'),
        { kind: 'Lambda', params: ['X'], body: { kind: 'ArithmeticBinary', operator: '+', left: { kind: 'LambdaVariable', name: 'X' }, right: column('Y') } },
      ],
    });
    expect(parsed('REDUCE(xs, 0, (s, x) => s + x)')).toMatchObject({
      args: [{}, {}, { kind: 'Lambda', params: ['S', 'X'], body: { left: { kind: 'LambdaVariable', name: 'S' }, right: { kind: 'LambdaVariable', name: 'X' } } }],
    });
  });

  it('sees outer lambda parameters inside a nested lambda', () => {
    expect(parsed('TRANSFORM(xs, x => TRANSFORM(ys, y => x * y))')).toMatchObject({
      args: [{}, { body: { args: [{}, { body: { left: { kind: 'LambdaVariable', name: 'X' }, right: { kind: 'LambdaVariable', name: 'Y' } } }] } }],
    });
  });
});

describe('postfix operators and AT TIME ZONE', () => {
  it('reads subscripts, dereferences and ->*', () => {
    expect(parsed('a[1]->b')).toEqual({ kind: 'Dereference', base: { kind: 'Subscript', base: column('A'), index: integer('1') }, field: 'B' });
    expect(parsed('s->*')).toEqual({ kind: 'StructAll', base: column('S') });
    expect(parsed("m['k']")).toMatchObject({ kind: 'Subscript', index: { kind: 'StringLiteral', value: 'k' } });
  });

  it('reads qualified column references', () => {
    expect(parsed('o.id')).toEqual(column('ID', 'O'));
  });

  it('reads AT TIME ZONE', () => {
    expect(parsed("ts AT TIME ZONE 'UTC'")).toEqual({ kind: 'AtTimeZone', value: column('TS'), zone: 'UTC' });
  });
});
