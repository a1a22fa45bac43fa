// The SQL type system: SqlType values, their text form, and the runtime value representation.
//
// Runtime representation of a value of each type (the contract between serde, compiled
// expressions, state stores and the REST layer). SQL NULL is always JS `null`, never `undefined`.
//
//   BOOLEAN    boolean
//   INTEGER    number (int32)
//   BIGINT     bigint (always, so values beyond 2^53 stay exact)
//   DOUBLE     number
//   DECIMAL    Decimal (see decimal.ts): unscaled bigint + scale, exact
//   STRING     string
//   BYTES      Uint8Array (Buffer is fine: it is a Uint8Array)
//   DATE       number: days since 1970-01-01
//   TIME       number: milliseconds since midnight
//   TIMESTAMP  number: milliseconds since the epoch, UTC
//   ARRAY      unknown[] of the element representation
//   MAP        Map<unknown, unknown> (keys in their own representation; STRING keys are strings)
//   STRUCT     Struct: a plain object keyed by field name as declared, every declared field present
//              (null when absent)

export type SqlType =
  | { readonly kind: 'BOOLEAN' }
  | { readonly kind: 'INTEGER' }
  | { readonly kind: 'BIGINT' }
  | { readonly kind: 'DOUBLE' }
  | { readonly kind: 'DECIMAL'; readonly precision: number; readonly scale: number }
  | { readonly kind: 'STRING' }
  | { readonly kind: 'BYTES' }
  | { readonly kind: 'DATE' }
  | { readonly kind: 'TIME' }
  | { readonly kind: 'TIMESTAMP' }
  | { readonly kind: 'ARRAY'; readonly element: SqlType }
  | { readonly kind: 'MAP'; readonly key: SqlType; readonly value: SqlType }
  | { readonly kind: 'STRUCT'; readonly fields: readonly StructField[] };

export interface StructField {
  readonly name: string;
  readonly type: SqlType;
}

export type SqlTypeKind = SqlType['kind'];

export type Struct = { [field: string]: unknown };

export const SqlTypes = {
  BOOLEAN: Object.freeze({ kind: 'BOOLEAN' }) as SqlType,
  INTEGER: Object.freeze({ kind: 'INTEGER' }) as SqlType,
  BIGINT: Object.freeze({ kind: 'BIGINT' }) as SqlType,
  DOUBLE: Object.freeze({ kind: 'DOUBLE' }) as SqlType,
  STRING: Object.freeze({ kind: 'STRING' }) as SqlType,
  BYTES: Object.freeze({ kind: 'BYTES' }) as SqlType,
  DATE: Object.freeze({ kind: 'DATE' }) as SqlType,
  TIME: Object.freeze({ kind: 'TIME' }) as SqlType,
  TIMESTAMP: Object.freeze({ kind: 'TIMESTAMP' }) as SqlType,
  decimal: (precision: number, scale: number): SqlType => ({ kind: 'DECIMAL', precision, scale }),
  array: (element: SqlType): SqlType => ({ kind: 'ARRAY', element }),
  map: (key: SqlType, value: SqlType): SqlType => ({ kind: 'MAP', key, value }),
  struct: (fields: readonly StructField[]): SqlType => ({ kind: 'STRUCT', fields }),
} as const;

/** Structural equality of two types. */
export function typesEqual(left: SqlType, right: SqlType): boolean {
  if (left.kind !== right.kind) return false;
  switch (left.kind) {
    case 'DECIMAL': {
      const other = right as typeof left;
      return left.precision === other.precision && left.scale === other.scale;
    }
    case 'ARRAY':
      return typesEqual(left.element, (right as typeof left).element);
    case 'MAP': {
      const other = right as typeof left;
      return typesEqual(left.key, other.key) && typesEqual(left.value, other.value);
    }
    case 'STRUCT': {
      const other = right as typeof left;
      return (
        left.fields.length === other.fields.length &&
        left.fields.every((field, index) => {
          const otherField = other.fields[index]!;
          return field.name === otherField.name && typesEqual(field.type, otherField.type);
        })
      );
    }
    default:
      return true;
  }
}

/**
 * ksqlDB's implicit casts, which let INSERT INTO write a narrower number into a wider column:
 * INTEGER, BIGINT, DECIMAL and DOUBLE widen in that order, and a DECIMAL into a DECIMAL that has
 * room for its scale and its integer digits.
 */
export function implicitlyCastable(from: SqlType, to: SqlType): boolean {
  if (typesEqual(from, to)) return true;
  const order = NUMERIC_WIDENING.indexOf(from.kind);
  if (order < 0 || NUMERIC_WIDENING.indexOf(to.kind) < order) return false;
  if (from.kind === 'DECIMAL' && to.kind === 'DECIMAL') return from.scale <= to.scale && from.precision - from.scale <= to.precision - to.scale;
  return true;
}

const NUMERIC_WIDENING: readonly SqlTypeKind[] = ['INTEGER', 'BIGINT', 'DECIMAL', 'DOUBLE'];

/**
 * ksqlDB's SQL text of a type, as used in schemas and REST column types:
 * `INTEGER`, `DECIMAL(4, 2)`, `ARRAY<STRING>`, `MAP<STRING, INTEGER>`, ``STRUCT<`F1` STRING>``.
 */
export function formatType(type: SqlType): string {
  switch (type.kind) {
    case 'DECIMAL':
      return `DECIMAL(${type.precision}, ${type.scale})`;
    case 'ARRAY':
      return `ARRAY<${formatType(type.element)}>`;
    case 'MAP':
      return `MAP<${formatType(type.key)}, ${formatType(type.value)}>`;
    case 'STRUCT':
      return `STRUCT<${type.fields.map((field) => `\`${field.name}\` ${formatType(field.type)}`).join(', ')}>`;
    default:
      return type.kind;
  }
}
