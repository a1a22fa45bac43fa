// Schema references in the embedded registry: a .proto importing another registered one, over the REST API and across a restart.
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryLog } from '../../src/runtime/index.js';
import { buildSchemaRegistryServer, EmbeddedSchemaRegistry } from '../../src/schema-registry/index.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

const EVENT = 'syntax = "proto3";\n\nmessage Event {\n  int64 TIMESTAMP = 1;\n}\n';
const LOGISTICS = 'syntax = "proto3";\n\nimport "event.proto";\n\nmessage Logistics {\n  Event EVENT = 1;\n}\n';
const REFERENCES = [{ name: 'event.proto', subject: 'event.proto', version: 1 }];

async function post(base: string, path: string, body: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' }, body: JSON.stringify(body) });
  return { status: response.status, body: await response.json() };
}

describe('schema references', () => {
  it('registers a schema with its references, serves them with it, and keeps them in _schemas', async () => {
    const log = new MemoryLog();
    const registry = await EmbeddedSchemaRegistry.open(log);
    const server = buildSchemaRegistryServer(registry);
    const base = await server.listen({ host: '127.0.0.1', port: 0 });
    closers.push(async () => {
      await server.close();
      await registry.close();
    });
    expect(await post(base, '/subjects/event.proto/versions', { schemaType: 'PROTOBUF', schema: EVENT })).toEqual({ status: 200, body: { id: 1 } });
    expect(await post(base, '/subjects/logistics-value/versions', { schemaType: 'PROTOBUF', schema: LOGISTICS, references: REFERENCES })).toEqual({ status: 200, body: { id: 2 } });
    // The same text without its references is another schema.
    expect(await post(base, '/subjects/other-value/versions', { schemaType: 'PROTOBUF', schema: LOGISTICS })).toEqual({ status: 200, body: { id: 3 } });
    expect(await (await fetch(`${base}/schemas/ids/2`)).json()).toEqual({ schemaType: 'PROTOBUF', schema: LOGISTICS, references: REFERENCES });
    expect(registry.lookup.schemaByVersion('event.proto', 1)?.schema).toBe(EVENT);

    const reopened = await EmbeddedSchemaRegistry.open(log);
    closers.push(() => reopened.close());
    expect(reopened.lookup.schemaById(2)).toEqual({ id: 2, schemaType: 'PROTOBUF', schema: LOGISTICS, references: REFERENCES });
  });
});
