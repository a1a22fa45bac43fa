// JSON Schema compatibility: which changes refuse documents the earlier schema accepted, under open and closed content models.
import { describe, expect, it } from 'vitest';
import { jsonSchemaIncompatibilities } from '../../src/schema-registry/json-schema-compatibility.js';
import { SchemaStore, type SchemaDefinition } from '../../src/schema-registry/schema-store.js';

const BACKWARD = { original: 'old', update: 'new' } as const;

function errorsOf(oldSchema: unknown, newSchema: unknown): string[] {
  return jsonSchemaIncompatibilities(oldSchema, newSchema, BACKWARD).map((problem) => `${problem.errorType} ${problem.field ?? ''}`.trim());
}

const closed = (properties: Record<string, unknown>, required: string[] = []) => ({ type: 'object', properties, required, additionalProperties: false });
const open = (properties: Record<string, unknown>, required: string[] = []) => ({ type: 'object', properties, required });
const optional = (schema: unknown) => ({ oneOf: [{ type: 'null' }, schema] });

describe('jsonSchemaIncompatibilities', () => {
  it('accepts widening a type and removing constraints, refuses narrowing or changing one', () => {
    expect(errorsOf(closed({ a: { type: 'integer' }, b: { type: 'string', maxLength: 5 } }), closed({ a: { type: 'number' }, b: { type: 'string' } }))).toEqual([]);
    expect(errorsOf(closed({ a: { type: 'number' }, b: { type: 'string' } }), closed({ a: { type: 'integer' }, b: { type: 'boolean' } }))).toEqual(['TYPE_NARROWED a', 'TYPE_CHANGED b']);
    expect(errorsOf({ type: ['string', 'null'] }, { type: 'string' })).toEqual(['TYPE_NARROWED']);
    expect(errorsOf(true, { type: 'string' })).toEqual(['SCHEMA_ADDED']);
  });

  it('refuses tightened bounds, patterns and unique items', () => {
    const before = { type: 'string', maxLength: 10, minLength: 1 };
    expect(errorsOf(before, { type: 'string', maxLength: 20, minLength: 0 })).toEqual([]);
    expect(errorsOf(before, { type: 'string', maxLength: 5, minLength: 2, pattern: '^a' })).toEqual(['MAX_LENGTH_DECREASED', 'MIN_LENGTH_INCREASED', 'PATTERN_ADDED']);
    expect(errorsOf({ type: 'number' }, { type: 'number', maximum: 9 })).toEqual(['MAXIMUM_ADDED']);
    expect(errorsOf({ type: 'array', items: { type: 'string' } }, { type: 'array', items: { type: 'string' }, uniqueItems: true, maxItems: 3 })).toEqual(['MAX_ITEMS_ADDED', 'UNIQUE_ITEMS_ADDED']);
  });

  it('accepts an extended enum and refuses a narrowed or changed one', () => {
    const before = { type: 'string', enum: ['A', 'B'] };
    expect(errorsOf(before, { type: 'string', enum: ['A', 'B', 'C'] })).toEqual([]);
    expect(errorsOf(before, { type: 'string', enum: ['A'] })).toEqual(['ENUM_ARRAY_NARROWED']);
    expect(errorsOf(before, { type: 'string', enum: ['A', 'C'] })).toEqual(['ENUM_ARRAY_CHANGED']);
  });

  it('under a closed content model: refuses removing a property and adding a required one, accepts adding an optional one', () => {
    const before = closed({ id: { type: 'integer' }, note: { type: 'string' } }, ['id']);
    expect(errorsOf(before, closed({ id: { type: 'integer' }, note: { type: 'string' }, extra: { type: 'string' } }, ['id']))).toEqual([]);
    expect(errorsOf(before, closed({ id: { type: 'integer' } }, ['id']))).toEqual(['PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL note']);
    expect(errorsOf(before, closed({ id: { type: 'integer' }, note: { type: 'string' }, total: { type: 'number' } }, ['id', 'total']))).toEqual(['REQUIRED_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL total']);
    expect(errorsOf(before, closed({ id: { type: 'integer' }, note: { type: 'string' }, total: { type: 'number', default: 0 } }, ['id', 'total']))).toEqual([]);
  });

  it('under an open content model: refuses adding a typed property, accepts removing one', () => {
    const before = open({ id: { type: 'integer' }, note: { type: 'string' } });
    expect(errorsOf(before, open({ id: { type: 'integer' } }))).toEqual([]);
    expect(errorsOf(before, open({ id: { type: 'integer' }, note: { type: 'string' }, extra: { type: 'string' } }))).toEqual(['PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL extra']);
    expect(errorsOf(before, open({ id: { type: 'integer' }, note: { type: 'string' }, extra: {} }))).toEqual([]);
    expect(errorsOf(before, open({ id: { type: 'integer' }, note: { type: 'string' } }, ['note']))).toEqual(['REQUIRED_ATTRIBUTE_ADDED note']);
    expect(errorsOf(before, closed({ id: { type: 'integer' }, note: { type: 'string' } }))).toEqual(['ADDITIONAL_PROPERTIES_REMOVED']);
  });

  it('under a partially open content model: a property added or removed must match the additional properties', () => {
    const before = { type: 'object', properties: { id: { type: 'integer' } }, additionalProperties: { type: 'string' } };
    expect(errorsOf(before, { ...before, properties: { id: { type: 'integer' }, note: { type: 'string' } } })).toEqual([]);
    expect(errorsOf(before, { ...before, properties: { id: { type: 'integer' }, n: { type: 'integer' } } })).toEqual(['PROPERTY_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL n']);
    expect(errorsOf(before, { ...before, properties: {} })).toEqual(['PROPERTY_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL id']);
  });

  it('names nested fields inside optional objects, arrays and maps', () => {
    // ksqlDB's optional STRUCT<zip STRING>, ARRAY<INT> and MAP<STRING, INT>, each as oneOf [null, T]
    const before = closed({
      address: optional(closed({ zip: optional({ type: 'string' }) })),
      codes: optional({ type: 'array', items: optional({ type: 'integer', 'connect.type': 'int32' }) }),
      prices: optional({ type: 'object', additionalProperties: optional({ type: 'integer' }) }),
    });
    const after = closed({
      address: optional(closed({ zip: optional({ type: 'integer' }) })),
      codes: optional({ type: 'array', items: optional({ type: 'string' }) }),
      prices: optional({ type: 'object', additionalProperties: { type: 'integer' } }),
    });
    // a branch of the old oneOf with no branch of its type in the new one is a changed set of subschemas, as Confluent names it
    expect(errorsOf(before, after)).toEqual(['COMBINED_TYPE_SUBSCHEMAS_CHANGED address.zip', 'COMBINED_TYPE_SUBSCHEMAS_CHANGED codes[]', 'SUM_TYPE_NARROWED prices.*']);
    const nested = closed({ address: optional(closed({ zip: { type: 'string' } })) });
    expect(errorsOf(nested, closed({ address: optional(closed({ zip: { type: 'integer' } })) }))).toEqual(['TYPE_CHANGED address.zip']);
    expect(errorsOf(before, before)).toEqual([]);
  });

  it('accepts making a field optional and refuses making it required, through oneOf', () => {
    expect(errorsOf({ type: 'string' }, optional({ type: 'string' }))).toEqual([]);
    expect(errorsOf(optional({ type: 'string' }), { type: 'string' })).toEqual(['SUM_TYPE_NARROWED']);
    expect(errorsOf(optional({ type: 'string' }), { allOf: [{ type: 'string' }] })).toEqual(['COMBINED_TYPE_CHANGED']);
    expect(errorsOf({ oneOf: [{ type: 'string' }, { type: 'boolean' }] }, { oneOf: [{ type: 'string' }, { type: 'integer' }] })).toEqual(['COMBINED_TYPE_SUBSCHEMAS_CHANGED']);
  });

  it('follows local references, including recursive ones', () => {
    const tree = (valueType: string) => ({ $ref: '#/definitions/Node', definitions: { Node: closed({ value: { type: valueType }, children: { type: 'array', items: { $ref: '#/definitions/Node' } } }) } });
    expect(errorsOf(tree('integer'), tree('number'))).toEqual([]);
    expect(errorsOf(tree('integer'), tree('string'))).toEqual(['TYPE_CHANGED value']);
  });
});

describe('SchemaStore with JSON', () => {
  const definition = (schema: unknown): SchemaDefinition => ({ schemaType: 'JSON', schema: JSON.stringify(schema) });

  it('refuses under BACKWARD, checks FORWARD the other way round, FULL both', () => {
    const store = new SchemaStore();
    const planned = store.planRegistration('s', definition(closed({ id: { type: 'integer' }, note: { type: 'string' } })));
    if ('kind' in planned) store.apply(planned);
    const withoutNote = definition(closed({ id: { type: 'integer' } }));
    expect(() => store.planRegistration('s', withoutNote)).toThrow(/subject "s", compatibility: BACKWARD, details: PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL: .*\(field note\)/);
    store.apply({ kind: 'config', subject: 's', compatibility: 'FORWARD' });
    expect(store.check('s', withoutNote, 'all').compatible).toBe(true);
    const withTotal = definition(closed({ id: { type: 'integer' }, note: { type: 'string' }, total: { type: 'number' } }, ['total']));
    expect(store.check('s', withTotal, 'all').messages).toEqual([expect.stringMatching(/^PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL: The property 'total' is missing in the old schema/)]);
    store.apply({ kind: 'config', subject: 's', compatibility: 'FULL' });
    expect(store.check('s', withTotal, 'all').messages.map((message) => message.split(':')[0])).toEqual(['REQUIRED_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL', 'PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL']);
  });
});
