// Identifiers: case normalisation, quoting with escapes, and keywords usable as names.
import { describe, expect, it } from 'vitest';
import { ParseError, parseExpression, parseStatement } from '../../src/parser/index.js';
import { withoutSpans } from './without-spans.js';

describe('identifier normalisation', () => {
  it('upper-cases unquoted identifiers', () => {
    expect(withoutSpans(parseExpression('myCol'))).toEqual({ kind: 'ColumnRef', source: undefined, name: 'MYCOL' });
  });

  it('keeps the case of back-quoted and double-quoted identifiers, unescaping doubled quotes', () => {
    expect(parseExpression('`my``Col`')).toMatchObject({ name: 'my`Col' });
    expect(parseExpression('"my""Col"')).toMatchObject({ name: 'my"Col' });
    expect(parseExpression('`f 1`')).toMatchObject({ name: 'f 1' });
  });

  it('reads keywords in any case', () => {
    expect(parseStatement('select * from t').statement.kind).toBe('Select');
    expect(parseStatement('SeLeCt * FrOm t').statement.kind).toBe('Select');
  });

  it('does not split identifiers that start with a keyword', () => {
    expect(parseExpression('selected + fromage')).toMatchObject({ left: { name: 'SELECTED' }, right: { name: 'FROMAGE' } });
  });

  it('reads an identifier starting with a digit', () => {
    expect(parseExpression('1abc')).toMatchObject({ kind: 'ColumnRef', name: '1ABC' });
  });
});

describe('keywords used as names', () => {
  it.each(['KEY', 'VALUE', 'SIZE', 'TYPE', 'ID', 'DATE', 'TIME', 'TIMESTAMP', 'COUNT', 'SOURCE', 'TOPIC', 'PARTITION', 'EMIT', 'MAP', 'ARRAY', 'STRUCT'])(
    'accepts a column named %s',
    (name) => {
      const statement = parseStatement(`CREATE STREAM s (${name} INT KEY, other ${name === 'STRUCT' ? 'INT' : 'STRING'}) WITH (kafka_topic='t')`).statement;
      expect(statement).toMatchObject({ columns: [{ name }, { name: 'OTHER' }] });
      expect(parseStatement(`SELECT ${name} FROM s`).statement).toMatchObject({ query: { select: [{ expression: { kind: 'ColumnRef', name } }] } });
    },
  );

  it('takes EMIT CHANGES and PARTITION BY after a source as clauses, not as aliases', () => {
    expect(parseStatement('SELECT * FROM t EMIT CHANGES').statement).toMatchObject({ query: { from: { from: { alias: undefined } }, emit: 'CHANGES' } });
    expect(parseStatement('SELECT * FROM t PARTITION BY a').statement).toMatchObject({ query: { from: { from: { alias: undefined } }, partitionBy: [{ name: 'A' }] } });
    expect(parseStatement('SELECT * FROM t emit').statement).toMatchObject({ query: { from: { from: { alias: 'EMIT' } } } });
  });

  it('rejects a reserved word as a name unless quoted', () => {
    expect(() => parseExpression('end')).toThrow(ParseError);
    expect(parseExpression('`END`')).toMatchObject({ name: 'END' });
  });

  it('reads source.* in a select list', () => {
    expect(parseStatement('SELECT o.*, c.name FROM o JOIN c ON o.id = c.id').statement).toMatchObject({
      query: { select: [{ kind: 'SelectAll', source: 'O' }, { kind: 'SelectExpression', expression: { source: 'C', name: 'NAME' } }] },
    });
  });
});
