// Runs a benchmark shape's statements in a Squall engine of its own, over the benchmark's broker.
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from '../src/engine/index.js';
import { KafkaLog } from '../src/runtime/index.js';
import type { SchemaRegistry } from '../src/schema-registry/index.js';
import type { RunningShape, ShapeContext } from './shape.js';

/**
 * Starts an engine as a server would (background query loops, stores on disk in a fresh state
 * directory, removed on stop) and runs `sql`, which starts the query.
 */
export async function startSquallQuery(context: ShapeContext, sql: string, options: { readonly schemaRegistry?: SchemaRegistry } = {}): Promise<RunningShape> {
  const stateDir = await mkdtemp(join(tmpdir(), `${context.runId}_`));
  const log = new KafkaLog({ bootstrapServers: context.bootstrapServers, mockCluster: true });
  const engine = new Engine(log, {
    ...(options.schemaRegistry === undefined ? {} : { schemaRegistry: options.schemaRegistry }),
    serviceId: context.runId,
    guarantee: context.guarantee,
    properties: {},
    background: true,
    kafkaClusterId: 'embedded',
    stateDir,
  });
  const stop = async (): Promise<void> => {
    await engine.close();
    await log.close();
    await rm(stateDir, { recursive: true, force: true });
  };
  try {
    await engine.start();
    await engine.execute({ sql });
  } catch (error) {
    await stop();
    throw error;
  }
  return { stateMb: () => storeMegabytes(stateDir), stop };
}

/** The tasks' SQLite files under `stateDir` (with their write-ahead logs) in MiB; undefined when the query keeps no store. */
async function storeMegabytes(stateDir: string): Promise<number | undefined> {
  let bytes: number | undefined;
  for (const entry of await readdir(stateDir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !/\.sqlite(-wal|-shm)?$/.test(entry.name)) continue;
    bytes = (bytes ?? 0) + (await stat(join(entry.parentPath, entry.name))).size;
  }
  return bytes === undefined ? undefined : bytes / (1024 * 1024);
}
