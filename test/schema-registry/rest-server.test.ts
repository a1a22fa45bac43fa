// The embedded registry's REST API, called over HTTP as curl or a Confluent client would, and its schemas kept in `_schemas`.
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryLog } from '../../src/runtime/index.js';
import { buildSchemaRegistryServer, EmbeddedSchemaRegistry, SCHEMAS_TOPIC } from '../../src/schema-registry/index.js';

const MEDIA_TYPE = 'application/vnd.schemaregistry.v1+json';
const orders = JSON.stringify({ type: 'record', name: 'Order', fields: [{ name: 'ID', type: 'long' }] });
const ordersWithTotal = JSON.stringify({ type: 'record', name: 'Order', fields: [{ name: 'ID', type: 'long' }, { name: 'TOTAL', type: 'double' }] });

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function startRegistry(log = new MemoryLog()): Promise<string> {
  const registry = await EmbeddedSchemaRegistry.open(log);
  const server = buildSchemaRegistryServer(registry);
  const address = await server.listen({ host: '127.0.0.1', port: 0 });
  closers.push(async () => {
    await server.close();
    await registry.close();
  });
  return address;
}

async function call(base: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': MEDIA_TYPE },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text };
}

describe('embedded Schema Registry REST API', () => {
  it('registers, lists and fetches schemas by subject, version and id', async () => {
    const base = await startRegistry();
    expect(await call(base, 'POST', '/subjects/orders-value/versions', { schema: orders })).toEqual({ status: 200, body: { id: 1 } });
    expect((await call(base, 'GET', '/subjects')).body).toEqual(['orders-value']);
    expect((await call(base, 'GET', '/subjects/orders-value/versions')).body).toEqual([1]);
    expect((await call(base, 'GET', '/subjects/orders-value/versions/latest')).body).toEqual({ subject: 'orders-value', version: 1, id: 1, schema: orders });
    expect((await call(base, 'GET', '/schemas/ids/1')).body).toEqual({ schema: orders });
    expect((await call(base, 'GET', '/schemas/ids/1/versions')).body).toEqual([{ subject: 'orders-value', version: 1 }]);
    expect((await call(base, 'POST', '/subjects/orders-value', { schema: orders })).body).toMatchObject({ version: 1, id: 1 });
    expect(await call(base, 'GET', '/schemas/ids/9')).toEqual({ status: 404, body: { error_code: 40403, message: 'Schema 9 not found' } });
    expect((await call(base, 'GET', '/subjects/none/versions')).body).toMatchObject({ error_code: 40401 });
  });

  it('refuses an incompatible version with 409, and answers the compatibility check endpoint', async () => {
    const base = await startRegistry();
    await call(base, 'POST', '/subjects/orders-value/versions', { schema: orders });
    const refused = await call(base, 'POST', '/subjects/orders-value/versions', { schema: ordersWithTotal });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ error_code: 40901, message: expect.stringContaining("compatibility: BACKWARD, details: READER_FIELD_MISSING_DEFAULT_VALUE: The field 'TOTAL'") });
    expect((await call(base, 'POST', '/compatibility/subjects/orders-value/versions/latest', { schema: ordersWithTotal })).body).toEqual({ is_compatible: false });
    expect((await call(base, 'POST', '/compatibility/subjects/orders-value/versions/1?verbose=true', { schema: orders })).body).toEqual({ is_compatible: true, messages: [] });
  });

  it('keeps global and per-subject compatibility levels', async () => {
    const base = await startRegistry();
    expect((await call(base, 'GET', '/config')).body).toEqual({ compatibilityLevel: 'BACKWARD' });
    expect((await call(base, 'PUT', '/config/orders-value', { compatibility: 'NONE' })).body).toEqual({ compatibility: 'NONE' });
    expect((await call(base, 'GET', '/config/orders-value')).body).toEqual({ compatibilityLevel: 'NONE' });
    expect((await call(base, 'GET', '/config/other')).body).toMatchObject({ error_code: 40408 });
    expect((await call(base, 'GET', '/config/other?defaultToGlobal=true')).body).toEqual({ compatibilityLevel: 'BACKWARD' });
    await call(base, 'POST', '/subjects/orders-value/versions', { schema: orders });
    expect((await call(base, 'POST', '/subjects/orders-value/versions', { schema: ordersWithTotal })).body).toEqual({ id: 2 });
    expect((await call(base, 'PUT', '/config', { compatibility: 'SIDEWAYS' })).status).toBe(422);
  });

  it('refuses a body that is not a schema, and an invalid schema, with 422', async () => {
    const base = await startRegistry();
    expect((await call(base, 'POST', '/subjects/s/versions', { nope: 1 })).status).toBe(422);
    expect((await call(base, 'POST', '/subjects/s/versions', { schema: '{"type":"recordx"}' })).body).toMatchObject({ error_code: 42201 });
  });

  it('deletes versions softly, and finds its schemas again in the _schemas topic after a restart', async () => {
    const log = new MemoryLog();
    const first = await startRegistry(log);
    await call(first, 'POST', '/subjects/a-value/versions', { schema: orders });
    await call(first, 'POST', '/subjects/b-value/versions', { schema: '"string"' });
    expect((await call(first, 'DELETE', '/subjects/b-value')).body).toEqual([1]);
    expect((await log.describeTopic(SCHEMAS_TOPIC))?.partitions).toBe(1);
    const second = await startRegistry(log);
    expect((await call(second, 'GET', '/subjects')).body).toEqual(['a-value']);
    expect((await call(second, 'GET', '/schemas/ids/2')).body).toEqual({ schema: '"string"' });
    expect((await call(second, 'POST', '/subjects/c-value/versions', { schema: '"int"' })).body).toEqual({ id: 3 });
  });
});
