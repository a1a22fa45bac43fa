// What the editor's text is, to pick the endpoint: SELECT goes to /query-stream, the rest to /ksql.

/** Comments and whitespace before the first keyword. */
const LEADING_TRIVIA = /^(?:\s+|--[^\n]*(?:\n|$)|\/\*[\s\S]*?(?:\*\/|$))*/;

export function isQuery(sql: string): boolean {
  return /^SELECT\b/i.test(sql.replace(LEADING_TRIVIA, ''));
}

/** A push query runs until stopped: its rows are shown live, with a chart of its numeric columns. */
export function isPushQuery(sql: string): boolean {
  return isQuery(sql) && /\bEMIT\s+(?:CHANGES|FINAL)\b/i.test(sql);
}

/** Column types a line chart can plot (`DECIMAL(10, 2)` included). */
export function isNumericType(columnType: string): boolean {
  return /^(?:INTEGER|INT|BIGINT|DOUBLE|DECIMAL)\b/i.test(columnType);
}
