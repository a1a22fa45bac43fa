// substituteVariables: ${name} references replaced before parsing, names case-insensitive.
import { describe, expect, it } from 'vitest';
import { ParseError, parseStatement, substituteVariables } from '../../src/parser/index.js';

describe('substituteVariables', () => {
  const variables = new Map([
    ['topic', 'orders'],
    ['Format', 'JSON'],
  ]);

  it('replaces references, inside strings too, whatever the case of the name', () => {
    const text = substituteVariables("CREATE STREAM s (a INT) WITH (kafka_topic='${TOPIC}', value_format='${format}')", variables);
    expect(text).toBe("CREATE STREAM s (a INT) WITH (kafka_topic='orders', value_format='JSON')");
    expect(parseStatement(text).statement).toMatchObject({ properties: { entries: [{ value: { value: 'orders' } }, { value: { value: 'JSON' } }] } });
  });

  it('leaves text without references alone', () => {
    expect(substituteVariables('SELECT $x, {y} FROM t', variables)).toBe('SELECT $x, {y} FROM t');
  });

  it('throws a ParseError naming an undefined variable and where it is', () => {
    const substitute = () => substituteVariables('SELECT *\nFROM ${missing}', variables);
    expect(substitute).toThrow(ParseError);
    expect(substitute).toThrow("line 2:6: Undefined variable: 'missing'");
  });

  it('leaves an unsubstituted reference for the parser to report', () => {
    expect(() => parseStatement('SELECT * FROM ${t}')).toThrow(/was not substituted/);
  });
});
