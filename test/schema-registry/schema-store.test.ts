// The registry's state: ids shared across subjects, versions, and the compatibility levels refusing a change.
import { describe, expect, it } from 'vitest';
import { SchemaRegistryError } from '../../src/schema-registry/index.js';
import { SchemaStore, type SchemaDefinition } from '../../src/schema-registry/schema-store.js';

const avro = (schema: unknown): SchemaDefinition => ({ schemaType: 'AVRO', schema: JSON.stringify(schema) });
const record = (...fields: { name: string; type: unknown; default?: unknown }[]) => avro({ type: 'record', name: 'R', fields });

function register(store: SchemaStore, subject: string, definition: SchemaDefinition, id?: number): number {
  const planned = store.planRegistration(subject, definition, id);
  if (!('kind' in planned)) return planned.id;
  store.apply(planned);
  return planned.id;
}

describe('SchemaStore', () => {
  it('gives one id to one schema across subjects, and a new version only to a new schema', () => {
    const store = new SchemaStore();
    const v1 = record({ name: 'A', type: 'int' });
    expect(register(store, 't-value', v1)).toBe(1);
    expect(register(store, 'u-value', avro({ fields: [{ type: 'int', name: 'A' }], name: 'R', type: 'record' }))).toBe(2);
    expect(register(store, 'u-value', v1)).toBe(1);
    expect(register(store, 't-value', v1)).toBe(1);
    expect(store.versions('t-value').map((entry) => entry.version)).toEqual([1]);
    expect(store.versions('u-value').map((entry) => [entry.version, entry.id])).toEqual([[1, 2], [2, 1]]);
    expect(store.idOfSchema('AVRO', JSON.stringify({ type: 'record', name: 'R', fields: [{ name: 'A', type: 'int' }] }))).toBe(1);
  });

  it('imports a schema under the id asked for, and refuses to reuse an id for another schema', () => {
    const store = new SchemaStore();
    expect(register(store, 'k', avro('int'), 100)).toBe(100);
    expect(() => register(store, 'v', avro('string'), 100)).toThrow(/Overwrite new schema with id 100 is not permitted/);
    expect(register(store, 'v', avro('string'))).toBe(101);
  });

  it('refuses, under BACKWARD, a new field without a default, naming the subject, the level and the field', () => {
    const store = new SchemaStore();
    register(store, 'orders-value', record({ name: 'ID', type: 'long' }));
    const change = record({ name: 'ID', type: 'long' }, { name: 'TOTAL', type: 'double' });
    expect(() => register(store, 'orders-value', change)).toThrow(
      expect.objectContaining({ status: 409, errorCode: 40901, message: expect.stringMatching(/subject "orders-value", compatibility: BACKWARD, .*READER_FIELD_MISSING_DEFAULT_VALUE: The field 'TOTAL'/) }),
    );
    expect(register(store, 'orders-value', record({ name: 'ID', type: 'long' }, { name: 'TOTAL', type: ['null', 'double'], default: null }))).toBe(2);
  });

  it('checks FORWARD by reading the new schema with the old one, and NONE not at all', () => {
    const store = new SchemaStore();
    store.apply({ kind: 'config', subject: 's', compatibility: 'FORWARD' });
    register(store, 's', record({ name: 'A', type: 'int' }, { name: 'B', type: 'string' }));
    expect(() => register(store, 's', record({ name: 'A', type: 'int' }))).toThrow(/compatibility: FORWARD.*The field 'B'/);
    expect(register(store, 's', record({ name: 'A', type: 'int' }, { name: 'B', type: 'string' }, { name: 'C', type: 'int' }))).toBe(2);
    store.apply({ kind: 'config', subject: 's', compatibility: 'NONE' });
    expect(register(store, 's', avro('string'))).toBe(3);
  });

  it('promotes int to long but not long to int, and checks every earlier version when transitive', () => {
    const store = new SchemaStore();
    register(store, 's', record({ name: 'A', type: 'int' }));
    expect(store.check('s', record({ name: 'A', type: 'long' }), 'latest').compatible).toBe(true);
    expect(store.check('s', record({ name: 'A', type: 'string' }), 'latest').messages[0]).toMatch(/TYPE_MISMATCH: .*field 'A'/);
    store.apply({ kind: 'config', subject: 's', compatibility: 'NONE' });
    register(store, 's', record({ name: 'A', type: 'string' }));
    store.apply({ kind: 'config', subject: 's', compatibility: 'BACKWARD_TRANSITIVE' });
    expect(store.check('s', record({ name: 'A', type: 'string' }, { name: 'B', type: 'int', default: 0 }), 'all').compatible).toBe(false);
    store.apply({ kind: 'config', subject: 's', compatibility: 'BACKWARD' });
    expect(store.check('s', record({ name: 'A', type: 'string' }, { name: 'B', type: 'int', default: 0 }), 'all').compatible).toBe(true);
  });

  it('reports a missing subject and version with Confluent\'s codes, and an invalid schema as 42201', () => {
    const store = new SchemaStore();
    expect(() => store.versions('nope')).toThrow(expect.objectContaining({ errorCode: 40401 }));
    register(store, 's', avro('int'));
    expect(() => store.version('s', 7)).toThrow(expect.objectContaining({ errorCode: 40402 }));
    expect(() => store.planRegistration('s', { schemaType: 'AVRO', schema: '{"type":"nonsense"}' })).toThrow(SchemaRegistryError);
    expect(() => store.planRegistration('s', { schemaType: 'AVRO', schema: '{not json' })).toThrow(expect.objectContaining({ errorCode: 42201 }));
  });
});
