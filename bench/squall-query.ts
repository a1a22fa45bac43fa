// Runs a benchmark shape's statements in a Squall engine of its own, over the benchmark's broker.
import { Engine } from '../src/engine/index.js';
import { KafkaLog } from '../src/runtime/index.js';
import type { RunningShape, ShapeContext } from './shape.js';

/** Starts an engine as a server would (background query loops) and runs `sql`, which starts the query. */
export async function startSquallQuery(context: ShapeContext, sql: string): Promise<RunningShape> {
  const log = new KafkaLog({ bootstrapServers: context.bootstrapServers, mockCluster: true });
  const engine = new Engine(log, {
    serviceId: context.runId,
    guarantee: context.guarantee,
    properties: {},
    background: true,
    kafkaClusterId: 'embedded',
  });
  const stop = async (): Promise<void> => {
    await engine.close();
    await log.close();
  };
  try {
    await engine.start();
    await engine.execute({ sql });
  } catch (error) {
    await stop();
    throw error;
  }
  return { stop };
}
