// Shared by the engine tests over a Log in this process: an engine with a state dir, polled by
// the test (no background loop), and a pull query's rows.
import { Engine } from '../../src/engine/index.js';
import type { Log } from '../../src/runtime/index.js';

export async function startEngine(log: Log, stateDir: string, serviceId: string, properties: Record<string, string> = {}): Promise<Engine> {
  const engine = new Engine(log, { serviceId, guarantee: 'exactly_once_v2', properties, background: false, kafkaClusterId: 'memory', stateDir, instanceId: 'i1' });
  await engine.start();
  return engine;
}

export async function pull(engine: Engine, sql: string, properties?: Record<string, unknown>): Promise<unknown[][]> {
  const stream = await engine.query({ sql, properties });
  const rows: unknown[][] = [];
  for await (const event of stream.events) if (event.kind === 'row') rows.push([...event.values]);
  return rows;
}
