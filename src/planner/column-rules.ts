// Rules every source and sink column obeys: reserved system names, and types a key can hold.
import type { Span } from '../parser/index.js';
import { PlanError } from './plan-error.js';
import { formatType, type SqlType } from './types.js';

/** Pseudo-columns every source exposes; none may name a user column. */
const RESERVED: ReadonlySet<string> = new Set(['ROWTIME', 'ROWPARTITION', 'ROWOFFSET', 'WINDOWSTART', 'WINDOWEND']);

export function checkReservedName(name: string, span: Span | undefined): void {
  if (RESERVED.has(name)) {
    throw new PlanError(`\`${name}\` is a reserved column name. You cannot use it as an alias for a column.`, span);
  }
}

function containsMap(type: SqlType): boolean {
  switch (type.kind) {
    case 'MAP':
      return true;
    case 'ARRAY':
      return containsMap(type.element);
    case 'STRUCT':
      return type.fields.some((field) => containsMap(field.type));
    default:
      return false;
  }
}

/** Map keys serialise inconsistently, so no key column may contain a MAP. */
export function checkKeyType(name: string, type: SqlType, span: Span | undefined): void {
  if (containsMap(type)) {
    throw new PlanError(
      `Map keys, including types that contain maps, are not supported as they may lead to unexpected behavior due to inconsistent serialization. Key column name: \`${name}\`. Column type: ${formatType(type)}. See https://github.com/confluentinc/ksql/issues/6621 for more.`,
      span,
    );
  }
}
