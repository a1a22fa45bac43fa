import { it } from 'vitest';
import { SqlTypes } from '../../src/planner/types.js';
import { buildServer, listen } from '../../src/server/index.js';
import { FakeEngine, FakeQueryStream } from './fake-engine.js';
import http from 'node:http';
it('perf', async () => {
  const engine = new FakeEngine();
  const server = await buildServer(engine, {});
  const address = await listen(server, { host: '127.0.0.1', port: 0 });
  for (const mode of ['inject', 'fetch', 'http']) {
    const query = new FakeQueryStream('big', [{ name: 'TEXT', type: SqlTypes.STRING, isKey: false }], true);
    for (let index = 0; index < 50000; index += 1) query.pushRows([`row ${index} ${'x'.repeat(80)}`]);
    engine.answerQueriesWith(query.finish());
    const start = performance.now();
    if (mode === 'inject') await server.inject({ method: 'POST', url: '/query-stream', payload: { sql: 'x' } });
    else if (mode === 'fetch') await (await fetch(`${address}/query-stream`, { method: 'POST', body: '{"sql":"x"}' })).text();
    else await new Promise<void>((resolve) => { const r = http.request(`${address}/query-stream`, { method: 'POST' }, (res) => { res.on('data', () => {}); res.on('end', () => resolve()); }); r.end('{"sql":"x"}'); });
    console.log(mode, performance.now() - start);
  }
  await server.close();
});
