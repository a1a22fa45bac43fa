// GET /console: the bundled console's files, the redirect to /console/, and a clear answer
// when the console was never built.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../../src/server/index.js';
import { FakeEngine } from '../fake-engine.js';

describe('console routes', () => {
  let server: FastifyInstance | undefined;
  afterEach(async () => server?.close());

  it('serves the bundle under /console/ and redirects /console there', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'squall-console-'));
    writeFileSync(join(directory, 'index.html'), '<!doctype html><title>Squall console</title>');
    writeFileSync(join(directory, 'main.js'), 'console.log(1);');
    server = await buildServer(new FakeEngine(), { consoleDir: directory });
    const redirect = await server.inject({ method: 'GET', url: '/console' });
    expect(redirect.statusCode).toBe(302);
    expect(redirect.headers.location).toBe('/console/');
    const page = await server.inject({ method: 'GET', url: '/console/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('Squall console');
    const script = await server.inject({ method: 'GET', url: '/console/main.js' });
    expect(script.headers['content-type']).toContain('javascript');
    expect((await server.inject({ method: 'GET', url: '/console/missing.js' })).statusCode).toBe(404);
  });

  it('answers 404 with how to build the console when it was not built', async () => {
    server = await buildServer(new FakeEngine(), { consoleDir: join(tmpdir(), 'squall-no-console-here') });
    const response = await server.inject({ method: 'GET', url: '/console/' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ error_code: 40400, message: expect.stringContaining('npm run build:console') });
  });

  it('has no console routes without a console directory', async () => {
    server = await buildServer(new FakeEngine(), {});
    expect((await server.inject({ method: 'GET', url: '/console/' })).statusCode).toBe(404);
    expect((await server.inject({ method: 'GET', url: '/console' })).statusCode).toBe(404);
  });
});
