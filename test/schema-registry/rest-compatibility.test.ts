// A compatibility violation tried as a user would, over the embedded registry's REST API, in PROTOBUF and JSON Schema.
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryLog } from '../../src/runtime/index.js';
import { buildSchemaRegistryServer, EmbeddedSchemaRegistry } from '../../src/schema-registry/index.js';

const MEDIA_TYPE = 'application/vnd.schemaregistry.v1+json';
const ordersV1 = 'syntax = "proto3";\npackage shop;\nmessage Order {\n  int64 id = 1;\n  string note = 2;\n}\n';
const ordersNoteAsNumber = 'syntax = "proto3";\npackage shop;\nmessage Order {\n  int64 id = 1;\n  double note = 2;\n}\n';
const ordersWithTotal = 'syntax = "proto3";\npackage shop;\nmessage Order {\n  int64 id = 1;\n  string note = 2;\n  double total = 3;\n}\n';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function startRegistry(): Promise<FastifyInstance> {
  const registry = await EmbeddedSchemaRegistry.open(new MemoryLog());
  const server = buildSchemaRegistryServer(registry);
  closers.push(async () => {
    await server.close();
    await registry.close();
  });
  return server;
}

async function call(server: FastifyInstance, method: 'POST' | 'PUT', url: string, body: unknown): Promise<{ status: number; body: unknown }> {
  const response = await server.inject({ method, url, headers: { 'content-type': MEDIA_TYPE }, payload: JSON.stringify(body) });
  return { status: response.statusCode, body: response.json() };
}

describe('Schema Registry compatibility over REST', () => {
  it('refuses an incompatible PROTOBUF version with 409 naming the subject, the level and the field', async () => {
    const server = await startRegistry();
    expect(await call(server, 'POST', '/subjects/orders-value/versions', { schemaType: 'PROTOBUF', schema: ordersV1 })).toEqual({ status: 200, body: { id: 1 } });
    const refused = await call(server, 'POST', '/subjects/orders-value/versions', { schemaType: 'PROTOBUF', schema: ordersNoteAsNumber });
    expect(refused).toEqual({
      status: 409,
      body: {
        error_code: 40901,
        message: expect.stringMatching(/subject "orders-value", compatibility: BACKWARD, details: FIELD_SCALAR_KIND_CHANGED: The field 'Order.note' .*\(field Order\.note\), against version 1/),
      },
    });
    expect(await call(server, 'POST', '/subjects/orders-value/versions', { schemaType: 'PROTOBUF', schema: ordersWithTotal })).toEqual({ status: 200, body: { id: 2 } });
  });

  it('answers the compatibility check endpoint with is_compatible and, verbose, the reasons', async () => {
    const server = await startRegistry();
    await call(server, 'POST', '/subjects/orders-value/versions', { schemaType: 'PROTOBUF', schema: ordersV1 });
    expect((await call(server, 'POST', '/compatibility/subjects/orders-value/versions/latest', { schemaType: 'PROTOBUF', schema: ordersNoteAsNumber })).body).toEqual({ is_compatible: false });
    expect((await call(server, 'POST', '/compatibility/subjects/orders-value/versions/1?verbose=true', { schemaType: 'PROTOBUF', schema: ordersNoteAsNumber })).body).toEqual({
      is_compatible: false,
      messages: [expect.stringMatching(/^FIELD_SCALAR_KIND_CHANGED: .*Order\.note/)],
    });
    expect((await call(server, 'POST', '/compatibility/subjects/orders-value/versions?verbose=true', { schemaType: 'PROTOBUF', schema: ordersWithTotal })).body).toEqual({ is_compatible: true, messages: [] });
  });

  it('accepts any change under NONE', async () => {
    const server = await startRegistry();
    await call(server, 'POST', '/subjects/orders-value/versions', { schemaType: 'PROTOBUF', schema: ordersV1 });
    expect(await call(server, 'PUT', '/config/orders-value', { compatibility: 'NONE' })).toEqual({ status: 200, body: { compatibility: 'NONE' } });
    expect(await call(server, 'POST', '/subjects/orders-value/versions', { schemaType: 'PROTOBUF', schema: ordersNoteAsNumber })).toEqual({ status: 200, body: { id: 2 } });
  });

  it('refuses a JSON Schema that drops a property of a closed content model', async () => {
    const server = await startRegistry();
    const v1 = { type: 'object', properties: { ID: { type: 'integer' }, NOTE: { type: 'string' } }, additionalProperties: false };
    const v2 = { type: 'object', properties: { ID: { type: 'integer' } }, additionalProperties: false };
    await call(server, 'POST', '/subjects/notes-value/versions', { schemaType: 'JSON', schema: JSON.stringify(v1) });
    expect(await call(server, 'POST', '/subjects/notes-value/versions', { schemaType: 'JSON', schema: JSON.stringify(v2) })).toEqual({
      status: 409,
      body: { error_code: 40901, message: expect.stringMatching(/subject "notes-value", compatibility: BACKWARD, details: PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL: .*\(field NOTE\)/) },
    });
  });

  it('refuses a .proto that does not parse with 422, at registration and at the check endpoint', async () => {
    const server = await startRegistry();
    const invalid = { schemaType: 'PROTOBUF', schema: 'message Order { int64 id = 1 }' };
    expect(await call(server, 'POST', '/subjects/orders-value/versions', invalid)).toEqual({ status: 422, body: { error_code: 42201, message: expect.stringMatching(/^Invalid schema: /) } });
    await call(server, 'POST', '/subjects/orders-value/versions', { schemaType: 'PROTOBUF', schema: ordersV1 });
    expect(await call(server, 'POST', '/compatibility/subjects/orders-value/versions/latest', invalid)).toEqual({ status: 422, body: { error_code: 42201, message: expect.stringMatching(/^Invalid schema: /) } });
  });
});
