// Rows of /inserts-stream as JSON objects, with numbers kept exact: a JSON number that a double
// would round is passed on as its JSON text, which the engine's lenient JSON reading converts
// exactly to the column's BIGINT or DECIMAL (as ksqlDB reads a quoted number).
import { isSafeNumber, parse } from 'lossless-json';

/** The row object of one NDJSON line, or undefined when the line is not a JSON object. */
export function parseInsertRow(line: string): Readonly<Record<string, unknown>> | undefined {
  let value: unknown;
  try {
    value = parse(line, null, parseExactNumber);
  } catch {
    return undefined;
  }
  return isJsonObject(value) ? value : undefined;
}

function isJsonObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseExactNumber(text: string): number | string {
  return isSafeNumber(text) ? Number(text) : text;
}
