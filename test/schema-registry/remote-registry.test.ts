// The remote registry's lookup, against the embedded registry's REST API over HTTP: a miss is retried, never read as a bad record.
import { afterEach, describe, expect, it } from 'vitest';
import { SchemaUnavailableError } from '../../src/planner/index.js';
import { MemoryLog } from '../../src/runtime/index.js';
import { buildSchemaRegistryServer, EmbeddedSchemaRegistry } from '../../src/schema-registry/index.js';
import { RemoteSchemaRegistry } from '../../src/schema-registry/remote-registry.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function startRegistry(): Promise<{ embedded: EmbeddedSchemaRegistry; url: string }> {
  const embedded = await EmbeddedSchemaRegistry.open(new MemoryLog());
  const server = buildSchemaRegistryServer(embedded);
  const url = await server.listen({ host: '127.0.0.1', port: 0 });
  closers.push(async () => {
    await server.close();
    await embedded.close();
  });
  return { embedded, url };
}

/** Asks the lookup until it answers: each miss starts (at most one) fetch and says the schema is unavailable. */
async function lookUp(remote: RemoteSchemaRegistry, id: number): Promise<{ answer: unknown; misses: number }> {
  for (let misses = 0; misses < 100; misses++) {
    try {
      return { answer: remote.lookup.schemaById(id), misses };
    } catch (error) {
      expect(error).toBeInstanceOf(SchemaUnavailableError);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
  throw new Error(`schema ${id} never became available`);
}

describe('RemoteSchemaRegistry lookup', () => {
  it('reports a schema it has not fetched as unavailable, then answers from its cache', async () => {
    const { embedded, url } = await startRegistry();
    const id = await embedded.register('orders-value', { schemaType: 'PROTOBUF', schema: 'syntax = "proto3"; message Order { int64 ID = 1; }' });
    const remote = new RemoteSchemaRegistry(url);
    const { answer, misses } = await lookUp(remote, id);
    expect(misses).toBeGreaterThan(0);
    expect(answer).toMatchObject({ id, schemaType: 'PROTOBUF' });
    expect(remote.lookup.schemaById(id)).toBe(answer);
    await remote.close();
  });

  it('answers undefined for an id the registry says it does not have', async () => {
    const { url } = await startRegistry();
    const remote = new RemoteSchemaRegistry(url);
    expect((await lookUp(remote, 42)).answer).toBeUndefined();
    await remote.close();
  });

  it('keeps reporting a schema unavailable, with the reason, while the registry cannot be reached', async () => {
    const remote = new RemoteSchemaRegistry('http://127.0.0.1:9');
    expect(() => remote.lookup.schemaById(1)).toThrow(SchemaUnavailableError);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(() => remote.lookup.schemaById(1)).toThrow(/schema id 1/);
    await remote.close();
  }, 10_000);

  it('fetches the versions a schema references with it, for the Protobuf serde to import', async () => {
    const { embedded, url } = await startRegistry();
    await embedded.register('event.proto', { schemaType: 'PROTOBUF', schema: 'syntax = "proto3"; message Event { int64 T = 1; }' });
    const references = [{ name: 'event.proto', subject: 'event.proto', version: 1 }];
    const id = await embedded.register('logistics-value', { schemaType: 'PROTOBUF', schema: 'syntax = "proto3"; import "event.proto"; message L { Event E = 1; }', references });
    const remote = new RemoteSchemaRegistry(url);
    expect((await lookUp(remote, id)).answer).toMatchObject({ id, references });
    expect(remote.lookup.schemaByVersion('event.proto', 1)?.schema).toContain('message Event');
    await remote.close();
  });
});
