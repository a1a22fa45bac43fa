// The process id kept in the state dir: a restarted server keeps its transactional.ids (and so
// fences the transactions its killed predecessor left open); another state dir is another server.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Engine, type EngineConfig } from '../../src/engine/index.js';
import { loadProcessId } from '../../src/engine/process-id.js';
import { MemoryLog, type LogProducer, type ProducerOptions } from '../../src/runtime/index.js';

/** Records the transactional id of every producer opened on it. */
class TransactionalIdLog extends MemoryLog {
  readonly transactionalIds: string[] = [];

  override async producer(options: ProducerOptions = {}): Promise<LogProducer> {
    if (options.transactionalId !== undefined) this.transactionalIds.push(options.transactionalId);
    return super.producer(options);
  }
}

/** The transactional id of the one persistent query an engine with this config starts. */
async function queryTransactionalId(config: Pick<EngineConfig, 'stateDir' | 'instanceId'>): Promise<string | undefined> {
  const log = new TransactionalIdLog({ autoCreateTopics: true });
  const engine = new Engine(log, { serviceId: 'test_', guarantee: 'exactly_once_v2', properties: {}, background: false, kafkaClusterId: 'memory', ...config });
  await engine.start();
  await engine.execute({
    sql: "CREATE STREAM RIDES (ID STRING KEY, FARE DOUBLE) WITH (KAFKA_TOPIC='rides', VALUE_FORMAT='JSON', PARTITIONS=1); CREATE STREAM COPY AS SELECT * FROM RIDES;",
  });
  await engine.close();
  expect(log.transactionalIds).toHaveLength(1);
  return log.transactionalIds[0];
}

const directories: string[] = [];

function stateDir(): string {
  const directory = mkdtempSync(join(tmpdir(), 'squall-state-'));
  directories.push(directory);
  return directory;
}

afterEach(() => {
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

describe('process id', () => {
  it('writes a new id into the state dir, creating it, and reads it back', async () => {
    const directory = join(stateDir(), 'nested', 'state');
    const created = await loadProcessId(directory);
    expect(created).toMatch(/^[0-9a-f-]{36}$/);
    expect(readFileSync(join(directory, 'process-id'), 'utf8')).toBe(`${created}\n`);
    expect(readdirSync(directory)).toEqual(['process-id']);
    expect(await loadProcessId(directory)).toBe(created);
  });

  it('gives another state dir another id', async () => {
    expect(await loadProcessId(stateDir())).not.toBe(await loadProcessId(stateDir()));
  });

  it('replaces an empty id file with a new id', async () => {
    const directory = stateDir();
    writeFileSync(join(directory, 'process-id'), '\n');
    const created = await loadProcessId(directory);
    expect(created).not.toBe('');
    expect(await loadProcessId(directory)).toBe(created);
  });

  it('gives engines started one after the other on one state dir the same transactional ids', async () => {
    const directory = stateDir();
    const first = await queryTransactionalId({ stateDir: directory });
    expect(first).toBe(`_squall_test__query_CSAS_COPY_0-${readFileSync(join(directory, 'process-id'), 'utf8').trim()}`);
    expect(await queryTransactionalId({ stateDir: directory })).toBe(first);
  });

  it('gives engines on different state dirs different transactional ids', async () => {
    expect(await queryTransactionalId({ stateDir: stateDir() })).not.toBe(await queryTransactionalId({ stateDir: stateDir() }));
  });

  it('prefers a configured instance id to the state dir', async () => {
    expect(await queryTransactionalId({ stateDir: stateDir(), instanceId: 'node-2' })).toBe('_squall_test__query_CSAS_COPY_0-node-2');
  });
});
