// CAST between SQL types as ksqlDB does it: numeric narrowing like Java, text parsing, element-wise collections.
import { Decimal } from './decimal.js';
import { EvaluationError } from './expression/evaluation-error.js';
import { millisPerDay, parseDate, parseTime, parseTimestamp } from './expression/temporal-text.js';
import { formatValue } from './expression/value-text.js';
import { PlanError } from './plan-error.js';
import { formatType, typesEqual, type SqlType, type Struct } from './types.js';

/** Converts one value; null in gives null out. */
export type Caster = (value: unknown) => unknown;
type Converter = (value: never) => unknown;

/**
 * Builds the conversion from `from` to `to` once, or returns undefined when ksqlDB does not
 * support that cast. The returned closure throws EvaluationError for values it cannot convert.
 */
export function compileCast(from: SqlType, to: SqlType): Caster | undefined {
  if (typesEqual(from, to)) return identityCast;
  const convert = converterFor(from, to);
  if (convert === undefined) return undefined;
  const typed = convert as (value: unknown) => unknown;
  return (value) => (value === null || value === undefined ? null : typed(value));
}

/** Casts one value; throws PlanError when the cast is not supported. */
export function castValue(value: unknown, from: SqlType, to: SqlType): unknown {
  const caster = compileCast(from, to);
  if (caster === undefined) throw new PlanError(castNotSupportedMessage(from, to));
  return caster(value);
}

export function castNotSupportedMessage(from: SqlType, to: SqlType): string {
  return `Cast of ${formatType(from)} to ${formatType(to)} is not supported`;
}

/** The cast between equal types; callers compare against it to skip a needless wrapper closure. */
export function identityCast(value: unknown): unknown {
  return value === undefined ? null : value;
}

function converterFor(from: SqlType, to: SqlType): Converter | undefined {
  if (to.kind === 'STRING') return (value: unknown) => formatValue(value, from);
  switch (to.kind) {
    case 'BOOLEAN':
      return from.kind === 'STRING' ? (value: string) => parseBooleanText(value) : undefined;
    case 'INTEGER':
      return toInteger(from);
    case 'BIGINT':
      return toBigint(from);
    case 'DOUBLE':
      return toDouble(from);
    case 'DECIMAL':
      return toDecimal(from, to.precision, to.scale);
    case 'DATE':
      return toDate(from);
    case 'TIME':
      return toTime(from);
    case 'TIMESTAMP':
      return toTimestamp(from);
    case 'ARRAY':
      return from.kind === 'ARRAY' ? arrayConverter(from.element, to.element) : undefined;
    case 'MAP':
      return from.kind === 'MAP' ? mapConverter(from, to) : undefined;
    case 'STRUCT':
      return from.kind === 'STRUCT' ? structConverter(from.fields, to.fields) : undefined;
    default:
      return undefined;
  }
}

function toInteger(from: SqlType): Converter | undefined {
  switch (from.kind) {
    case 'BIGINT':
      return (value: bigint) => Number(BigInt.asIntN(32, value));
    case 'DOUBLE':
      return (value: number) => javaDoubleToIntegral(value, 2 ** 31);
    case 'DECIMAL':
      return (value: Decimal) => Number(BigInt.asIntN(32, truncateDecimal(value)));
    case 'STRING':
      return (value: string) => Number(parseIntegralText(value, 'INTEGER', 32));
    default:
      return undefined;
  }
}

function toBigint(from: SqlType): Converter | undefined {
  switch (from.kind) {
    case 'INTEGER':
      return (value: number) => BigInt(value);
    case 'DOUBLE':
      return (value: number) => BigInt(javaDoubleToIntegral(value, 2 ** 63));
    case 'DECIMAL':
      return (value: Decimal) => BigInt.asIntN(64, truncateDecimal(value));
    case 'STRING':
      return (value: string) => parseIntegralText(value, 'BIGINT', 64);
    default:
      return undefined;
  }
}

function toDouble(from: SqlType): Converter | undefined {
  switch (from.kind) {
    case 'INTEGER':
      return (value: number) => value;
    case 'BIGINT':
      return (value: bigint) => Number(value);
    case 'DECIMAL':
      return (value: Decimal) => value.toNumber();
    case 'STRING':
      return (value: string) => parseDoubleText(value);
    default:
      return undefined;
  }
}

function toDecimal(from: SqlType, precision: number, scale: number): Converter | undefined {
  const fit = (value: Decimal): Decimal => fitDecimal(value, precision, scale);
  switch (from.kind) {
    case 'INTEGER':
      return (value: number) => fit(Decimal.fromBigInt(BigInt(value)));
    case 'BIGINT':
      return (value: bigint) => fit(Decimal.fromBigInt(value));
    case 'DOUBLE':
      return (value: number) => fit(decimalFromDouble(value));
    case 'DECIMAL':
      return (value: Decimal) => fit(value);
    case 'STRING':
      return (value: string) => fit(parseDecimalText(value));
    default:
      return undefined;
  }
}

function toDate(from: SqlType): Converter | undefined {
  if (from.kind === 'STRING') return (value: string) => parseTemporal(value, 'DATE', parseDate);
  if (from.kind === 'TIMESTAMP') return (value: number) => Math.floor(value / millisPerDay);
  return undefined;
}

function toTime(from: SqlType): Converter | undefined {
  if (from.kind === 'STRING') return (value: string) => parseTemporal(value, 'TIME', parseTime);
  if (from.kind === 'TIMESTAMP') return (value: number) => ((value % millisPerDay) + millisPerDay) % millisPerDay;
  return undefined;
}

function toTimestamp(from: SqlType): Converter | undefined {
  if (from.kind === 'STRING') return (value: string) => parseTemporal(value, 'TIMESTAMP', parseTimestamp);
  if (from.kind === 'DATE') return (value: number) => value * millisPerDay;
  return undefined;
}

function arrayConverter(fromElement: SqlType, toElement: SqlType): Converter | undefined {
  const element = compileCast(fromElement, toElement);
  if (element === undefined) return undefined;
  return (value: readonly unknown[]) => value.map(element);
}

function mapConverter(
  from: Extract<SqlType, { kind: 'MAP' }>,
  to: Extract<SqlType, { kind: 'MAP' }>,
): Converter | undefined {
  const key = compileCast(from.key, to.key);
  const entry = compileCast(from.value, to.value);
  if (key === undefined || entry === undefined) return undefined;
  return (value: ReadonlyMap<unknown, unknown>) => {
    const result = new Map<unknown, unknown>();
    for (const [mapKey, mapValue] of value) result.set(key(mapKey), entry(mapValue));
    return result;
  };
}

type Fields = readonly { readonly name: string; readonly type: SqlType }[];

/** Fields are matched by name; a target field the source lacks is null. */
function structConverter(from: Fields, to: Fields): Converter | undefined {
  const plan: { name: string; cast: Caster | undefined }[] = [];
  for (const target of to) {
    const source = from.find((field) => field.name === target.name);
    const cast = source === undefined ? undefined : compileCast(source.type, target.type);
    if (source !== undefined && cast === undefined) return undefined;
    plan.push({ name: target.name, cast });
  }
  return (value: Struct) => {
    const result: Struct = {};
    for (const field of plan) result[field.name] = field.cast === undefined ? null : field.cast(value[field.name] ?? null);
    return result;
  };
}

/** Java's (int)/(long) of a double: truncates toward zero, NaN is 0, out-of-range saturates. */
function javaDoubleToIntegral(value: number, limit: number): number | bigint {
  if (Number.isNaN(value)) return 0;
  const truncated = Math.trunc(value);
  if (limit > 2 ** 53) {
    if (truncated >= limit) return 2n ** 63n - 1n;
    if (truncated < -limit) return -(2n ** 63n);
    return BigInt(truncated);
  }
  return Math.min(Math.max(truncated, -limit), limit - 1);
}

/** BigDecimal.toBigInteger(): drops the fraction, toward zero. */
function truncateDecimal(value: Decimal): bigint {
  return value.scale <= 0 ? value.unscaled * 10n ** BigInt(-value.scale) : value.unscaled / 10n ** BigInt(value.scale);
}

/** Rounds HALF_UP to `scale` and rejects values with more integer digits than DECIMAL(precision, scale) holds. */
function fitDecimal(value: Decimal, precision: number, scale: number): Decimal {
  const rounded = value.withScale(scale);
  const magnitude = rounded.unscaled < 0n ? -rounded.unscaled : rounded.unscaled;
  if (magnitude >= 10n ** BigInt(precision)) {
    throw new EvaluationError(`Cannot fit decimal '${value.toString()}' into DECIMAL(${precision}, ${scale}) without rounding.`);
  }
  return rounded;
}

/** BigDecimal.valueOf(double): the exact value of the shortest text that round-trips. */
function decimalFromDouble(value: number): Decimal {
  if (!Number.isFinite(value)) throw new EvaluationError(`Cannot convert ${value} to DECIMAL`);
  return Decimal.fromNumber(value);
}

export function invalidSyntaxMessage(typeName: string, text: string): string {
  return `invalid input syntax for type ${typeName}: "${text}".`;
}

const integralPattern = /^[+-]?\d+$/;

function parseIntegralText(text: string, typeName: 'INTEGER' | 'BIGINT', bits: 32 | 64): bigint {
  const trimmed = text.trim();
  if (!integralPattern.test(trimmed)) throw new EvaluationError(invalidSyntaxMessage(typeName, text));
  const value = BigInt(trimmed);
  if (BigInt.asIntN(bits, value) !== value) throw new EvaluationError(invalidSyntaxMessage(typeName, text));
  return value;
}

const doublePattern = /^[+-]?(?:NaN|Infinity|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)[dDfF]?$/;

function parseDoubleText(text: string): number {
  const trimmed = text.trim();
  if (!doublePattern.test(trimmed)) throw new EvaluationError(invalidSyntaxMessage('DOUBLE', text));
  return Number(trimmed.replace(/[dDfF]$/, ''));
}

export function parseDecimalText(text: string): Decimal {
  try {
    return Decimal.parse(text.trim());
  } catch {
    throw new EvaluationError(invalidSyntaxMessage('DECIMAL', text));
  }
}

const trueWords = ['true', 'yes'];
const falseWords = ['false', 'no'];

/** ksqlDB's SqlBooleans: any non-empty prefix of true/yes/false/no, case-insensitive. */
export function parseBooleanText(text: string): boolean {
  const lower = text.trim().toLowerCase();
  if (lower !== '' && trueWords.some((word) => word.startsWith(lower))) return true;
  if (lower !== '' && falseWords.some((word) => word.startsWith(lower))) return false;
  throw new EvaluationError(invalidSyntaxMessage('BOOLEAN', text));
}

/** Parses DATE, TIME or TIMESTAMP text; throws EvaluationError naming the type when it is not one. */
export function parseTemporal(text: string, typeName: string, parse: (text: string) => number | undefined): number {
  const parsed = parse(text);
  if (parsed === undefined) throw new EvaluationError(invalidSyntaxMessage(typeName, text));
  return parsed;
}
