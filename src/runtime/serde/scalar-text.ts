// Text forms of scalar values for JSON and DELIMITED, following Java's parse and print rules.
import { Decimal } from '../../planner/index.js';
import { SerdeError } from './serde-error.js';

const INTEGER_TEXT = /^[+-]?\d+$/;
// Double.parseDouble: decimal or special values, an optional float/double suffix, surrounding blanks.
const DOUBLE_TEXT = /^[+-]?(?:NaN|Infinity|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?[fFdD]?)$/;
const BASE64_TEXT = /^[A-Za-z0-9+/]*={0,2}$/;
const INT32_MIN = -2147483648n;
const INT32_MAX = 2147483647n;
const INT64_MIN = -9223372036854775808n;
const INT64_MAX = 9223372036854775807n;

/** Integer.parseInt: digits only, within int32, else a SerdeError. */
export function parseIntegerText(text: string): number {
  if (!INTEGER_TEXT.test(text)) throw notA('INTEGER', text);
  const value = BigInt(text);
  if (value < INT32_MIN || value > INT32_MAX) throw notA('INTEGER', text);
  return Number(value);
}

/** Long.parseLong: digits only, within int64, else a SerdeError. */
export function parseBigintText(text: string): bigint {
  if (!INTEGER_TEXT.test(text)) throw notA('BIGINT', text);
  const value = BigInt(text);
  if (value < INT64_MIN || value > INT64_MAX) throw notA('BIGINT', text);
  return value;
}

/** Double.parseDouble, including `NaN`, `Infinity` and a trailing `d`/`f`. */
export function parseDoubleText(text: string): number {
  const trimmed = text.trim();
  if (!DOUBLE_TEXT.test(trimmed)) throw notA('DOUBLE', text);
  const withoutSuffix = /[fFdD]$/.test(trimmed) ? trimmed.slice(0, -1) : trimmed;
  return Number(withoutSuffix);
}

/** new BigDecimal(text), fitted to the column's precision and scale. */
export function parseDecimalText(text: string, precision: number, scale: number): Decimal {
  let value: Decimal;
  try {
    value = Decimal.parse(text);
  } catch {
    throw notA('DECIMAL', text);
  }
  return fitDecimal(value, precision, scale);
}

/**
 * Brings a decimal to the column's scale (HALF_UP) and rejects it when its integer digits do not
 * fit the precision, as ksqlDB's DecimalUtil.ensureFit does.
 */
export function fitDecimal(value: Decimal, precision: number, scale: number): Decimal {
  const scaled = value.withScale(scale);
  if (scaled.precision() > precision) {
    throw new SerdeError(
      `Cannot fit decimal '${value.toString()}' into DECIMAL(${precision}, ${scale}) without rounding. ` +
        `(Requires ${value.precision()},${value.scale})`,
    );
  }
  return scaled;
}

/**
 * Java's Double.toString: plain notation with at least one fractional digit for magnitudes in
 * [1e-3, 1e7), computerized scientific notation (`1.0E10`, `4.9E-324`) otherwise.
 */
export function formatDouble(value: number): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const magnitude = Math.abs(value);
  if (magnitude >= 1e-3 && magnitude < 1e7) {
    const text = String(value);
    return text.includes('.') ? text : `${text}.0`;
  }
  return formatScientific(value);
}

function formatScientific(value: number): string {
  const shortest = value.toExponential();
  // Java always prints a fractional digit, so a one-digit mantissa gets the closest two-digit
  // one instead of a padded zero: Double.MIN_VALUE is 4.9E-324, not 5.0E-324.
  const text = shortest.includes('.') ? shortest : value.toExponential(1);
  const [mantissa = '', exponent = ''] = text.split('e');
  return `${mantissa}E${exponent.startsWith('+') ? exponent.slice(1) : exponent}`;
}

/** java.util.Base64 encoder (standard alphabet, padded). */
export function encodeBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/** java.util.Base64 decoder: rejects characters outside the alphabet and impossible lengths. */
export function decodeBase64(text: string): Uint8Array {
  if (!BASE64_TEXT.test(text) || text.length % 4 === 1) {
    throw new SerdeError(`Invalid base64 text for a BYTES value: '${abbreviate(text)}'`);
  }
  return new Uint8Array(Buffer.from(text, 'base64'));
}

/** Shortens user data quoted in an error message. */
function abbreviate(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}...` : text;
}

function notA(typeName: string, text: string): SerdeError {
  return new SerdeError(`Cannot parse '${abbreviate(text)}' as ${typeName}`);
}
