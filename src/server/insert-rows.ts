// Rows of /inserts-stream as JSON objects, with numbers read exactly: a JSON number that a
// double would round becomes a bigint (integers) or a Decimal (fractions), so BIGINT and DECIMAL
// columns receive the value that was sent.
import { isInteger, isSafeNumber, parse } from 'lossless-json';
import { Decimal } from '../planner/decimal.js';

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

function parseExactNumber(text: string): number | bigint | Decimal {
  if (isSafeNumber(text)) return Number(text);
  return isInteger(text) ? BigInt(text) : Decimal.parse(text);
}
