// Protobuf compatibility: which .proto changes break a reader, by field number, and at which level.
import { describe, expect, it } from 'vitest';
import { SchemaStore, type SchemaDefinition } from '../../src/schema-registry/schema-store.js';
import { parseProtoFile, protobufIncompatibilities } from '../../src/schema-registry/protobuf-compatibility.js';

const BACKWARD = { original: 'old', update: 'new' } as const;

function proto(body: string, header = 'syntax = "proto3";\npackage shop;'): string {
  return `${header}\n${body}`;
}

function errorsOf(oldText: string, newText: string): string[] {
  return protobufIncompatibilities(parseProtoFile(oldText), parseProtoFile(newText), BACKWARD).map((problem) => `${problem.errorType} ${problem.field ?? ''}`.trim());
}

const order = proto('message Order { int64 id = 1; string note = 2; Line line = 3; Status status = 4; }\nmessage Line { int32 qty = 1; }\nenum Status { NEW = 0; PAID = 1; }');

describe('protobufIncompatibilities', () => {
  it('accepts adding, removing and renaming fields, and changes within a wire-compatible scalar group', () => {
    const changed = proto('message Order { uint64 id = 1; bytes remark = 2; Line line = 3; Status status = 4; bool gift = 5; }\nmessage Line { int64 qty = 1; }\nenum Status { NEW = 0; }');
    expect(errorsOf(order, changed)).toEqual([]);
  });

  it('refuses a scalar type from another wire group, naming the field', () => {
    // int64 (varint) -> sint64 (zigzag): the same bytes decode to another number
    const changed = proto('message Order { sint64 id = 1; double note = 2; Line line = 3; Status status = 4; }\nmessage Line { fixed32 qty = 1; }\nenum Status { NEW = 0; PAID = 1; }');
    expect(errorsOf(order, changed)).toEqual(['FIELD_SCALAR_KIND_CHANGED Order.id', 'FIELD_SCALAR_KIND_CHANGED Order.note', 'FIELD_SCALAR_KIND_CHANGED Line.qty']);
  });

  it('refuses a change between scalar, message, enum and map, and to another named type', () => {
    const changed = proto('message Order { Line id = 1; Status note = 2; Other line = 3; map<string, int32> status = 4; }\nmessage Line { int32 qty = 1; }\nmessage Other { int32 qty = 1; }\nenum Status { NEW = 0; PAID = 1; }');
    expect(errorsOf(order, changed)).toEqual(['FIELD_KIND_CHANGED Order.id', 'FIELD_KIND_CHANGED Order.note', 'FIELD_NAMED_TYPE_CHANGED Order.line', 'FIELD_KIND_CHANGED Order.status']);
  });

  it('compares map keys and values, and names imported types as written', () => {
    const before = proto('import "google/protobuf/timestamp.proto";\nimport "google/type/date.proto";\nmessage M { map<string, int64> totals = 1; google.protobuf.Timestamp at = 2; google.type.Date day = 3; }');
    const after = proto('import "google/protobuf/timestamp.proto";\nimport "google/type/date.proto";\nmessage M { map<int32, string> totals = 1; google.protobuf.Duration at = 2; google.type.Date day = 3; }');
    expect(errorsOf(before, after)).toEqual(['FIELD_SCALAR_KIND_CHANGED M.totals', 'FIELD_SCALAR_KIND_CHANGED M.totals', 'FIELD_NAMED_TYPE_CHANGED M.at']);
  });

  it('refuses making a number repeated, but not a string', () => {
    const after = proto('message M { repeated int32 a = 1; repeated string b = 2; }');
    expect(errorsOf(proto('message M { int32 a = 1; string b = 2; }'), after)).toEqual(['FIELD_NUMERIC_LABEL_CHANGED M.a']);
  });

  it('refuses a removed message and a changed package, and compares nested messages', () => {
    const before = proto('message A { message Inner { string s = 1; } Inner inner = 1; }\nmessage B { int32 x = 1; }');
    const after = proto('message A { message Inner { int32 s = 1; } Inner inner = 1; }', 'syntax = "proto3";\npackage store;');
    expect(errorsOf(before, after)).toEqual(['PACKAGE_CHANGED', 'FIELD_SCALAR_KIND_CHANGED A.Inner.s', 'MESSAGE_REMOVED B']);
  });

  it('refuses oneof changes that alter which field a reader sees as set', () => {
    const before = proto('message M { oneof choice { string a = 1; int32 b = 2; } string c = 3; string d = 4; string e = 5; optional string f = 6; }');
    const after = proto('message M { oneof choice { string a = 1; string c = 3; } oneof pair { string d = 4; string e = 5; } oneof single { string f = 6; } }');
    expect(errorsOf(before, after)).toEqual(['FIELD_MOVED_TO_EXISTING_ONEOF M.c', 'MULTIPLE_FIELDS_MOVED_TO_ONEOF M.d', 'ONEOF_FIELD_REMOVED M.b']);
  });

  it('refuses adding or removing a proto2 required field, or making one required', () => {
    const header = 'syntax = "proto2";';
    const before = proto('message M { required int32 a = 1; optional int32 b = 2; }', header);
    expect(errorsOf(before, proto('message M { optional int32 b = 2; required int32 c = 3; }', header))).toEqual(['REQUIRED_FIELD_REMOVED M.a', 'REQUIRED_FIELD_ADDED M.c']);
    expect(errorsOf(before, proto('message M { required int32 a = 1; required int32 b = 2; }', header))).toEqual(['REQUIRED_FIELD_ADDED M.b']);
  });

  it('parses Connect\'s aggregate field options, and refuses text that is not Protobuf', () => {
    const decimal = proto('import "confluent/type/decimal.proto";\nmessage M { confluent.type.Decimal d = 1 [(confluent.field_meta) = { params: [{ key: "precision", value: "4" }] }]; }');
    expect(errorsOf(decimal, decimal)).toEqual([]);
    expect(() => parseProtoFile('message M { int32 a = 1 }')).toThrow(/illegal/);
    expect(() => parseProtoFile('syntax = "proto3";')).toThrow(/declares no message/);
  });
});

describe('SchemaStore with PROTOBUF', () => {
  const definition = (schema: string): SchemaDefinition => ({ schemaType: 'PROTOBUF', schema });
  const register = (store: SchemaStore, schema: SchemaDefinition): void => {
    const planned = store.planRegistration('s', schema);
    if ('kind' in planned) store.apply(planned);
  };

  it('checks BACKWARD by default and FORWARD by swapping the schemas, each naming the field', () => {
    const store = new SchemaStore();
    register(store, definition(proto('message M { int32 a = 1; }')));
    expect(() => store.planRegistration('s', definition(proto('message M { string a = 1; }')))).toThrow(/subject "s", compatibility: BACKWARD, details: FIELD_SCALAR_KIND_CHANGED: .*\(field M\.a\), against version 1/);
    // a message added to the new schema is missing in the old one: FORWARD refuses it, as Confluent's does
    const added = definition(proto('message M { int32 a = 1; }\nmessage N { int32 b = 1; }'));
    expect(store.check('s', added, 'all').compatible).toBe(true);
    store.apply({ kind: 'config', subject: 's', compatibility: 'FORWARD' });
    expect(store.check('s', added, 'all').messages).toEqual([expect.stringMatching(/^MESSAGE_REMOVED: The message 'N' of the new schema is missing in the old schema/)]);
    store.apply({ kind: 'config', subject: 's', compatibility: 'NONE' });
    expect(store.check('s', definition(proto('message X { bytes z = 1; }')), 'all').compatible).toBe(true);
  });

  it('checks every earlier version when transitive, and both directions when FULL', () => {
    const store = new SchemaStore();
    store.apply({ kind: 'config', subject: 's', compatibility: 'NONE' });
    for (const body of ['message M { int32 a = 1; }', 'message M { string a = 1; }']) register(store, definition(proto(body)));
    const candidate = definition(proto('message M { string a = 1; }\nmessage N { int32 b = 1; }'));
    store.apply({ kind: 'config', subject: 's', compatibility: 'FULL' });
    expect(store.check('s', candidate, 'all').messages).toEqual([expect.stringMatching(/^MESSAGE_REMOVED: .*'N'/)]);
    store.apply({ kind: 'config', subject: 's', compatibility: 'BACKWARD_TRANSITIVE' });
    expect(store.check('s', candidate, 'all').messages).toEqual([expect.stringMatching(/^FIELD_SCALAR_KIND_CHANGED: .*against version 1$/)]);
  });

  it('refuses a .proto that does not parse with 42201', () => {
    const store = new SchemaStore();
    expect(() => store.planRegistration('s', definition('message {'))).toThrow(expect.objectContaining({ status: 422, errorCode: 42201, message: expect.stringMatching(/^Invalid schema: /) }));
    expect(() => store.check('s', definition('message {'), 'latest')).toThrow(expect.objectContaining({ errorCode: 42201 }));
  });
});
