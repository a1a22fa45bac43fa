// JSON text of untyped values (entities, error bodies, server info) with exact numbers:
// JSON.stringify throws on bigint and would round a Decimal, so this writer emits both verbatim.
import { Decimal } from '../planner/decimal.js';

/** JSON text of `value`: bigint and Decimal as exact numbers, Map as an object, bytes as base64. */
export function toJsonText(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'bigint':
      return value.toString();
    case 'object':
      return objectText(value);
    default:
      return 'null';
  }
}

function objectText(value: object): string {
  if (value instanceof Decimal) return value.toString();
  if (value instanceof Uint8Array) return JSON.stringify(Buffer.from(value).toString('base64'));
  if (Array.isArray(value)) return `[${value.map(toJsonText).join(',')}]`;
  if (value instanceof Map) return membersText([...value.entries()].map(([key, member]) => [String(key), member]));
  return membersText(Object.entries(value));
}

/** `{"k":v,...}`; members whose value is undefined are left out, as JSON.stringify does. */
function membersText(members: ReadonlyArray<readonly [string, unknown]>): string {
  const parts = members
    .filter(([, member]) => member !== undefined)
    .map(([key, member]) => `${JSON.stringify(key)}:${toJsonText(member)}`);
  return `{${parts.join(',')}}`;
}
