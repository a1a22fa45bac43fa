// The engine hands long operations' progress to the `onProgress` it was given (the server's log).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Engine } from '../../src/engine/index.js';
import { LogUnavailableError, MemoryLog } from '../../src/runtime/index.js';
import { FailingPollLog } from './failing-poll-log.js';

afterEach(() => {
  vi.restoreAllMocks();
});

function startEngine(log: MemoryLog, stateDir: string, lines: string[]): Promise<Engine> {
  const engine = new Engine(log, {
    serviceId: 'restore_progress',
    guarantee: 'exactly_once_v2',
    properties: {},
    background: false,
    kafkaClusterId: 'memory',
    stateDir,
    instanceId: 'i1',
    onProgress: (line) => lines.push(line),
  });
  return engine.start().then(() => engine);
}

describe('onProgress', () => {
  it("receives a persistent query's reports, here its retries while Kafka is unreachable", async () => {
    const log = new FailingPollLog();
    const lines: string[] = [];
    const engine = new Engine(log, {
      serviceId: 'progress_test',
      guarantee: 'exactly_once_v2',
      properties: {},
      background: true,
      kafkaClusterId: 'memory',
      onProgress: (line) => lines.push(line),
    });
    await engine.start();
    try {
      await engine.execute({ sql: "CREATE STREAM S (ID STRING KEY, N INT) WITH (KAFKA_TOPIC='s', VALUE_FORMAT='JSON', PARTITIONS=1); CREATE STREAM T AS SELECT * FROM S;" });
      log.failPolls(new LogUnavailableError('fetch from s-0 timed out'));
      await vi.waitFor(() => expect(lines).toContain('squall: CSAS_T_0: Kafka unavailable, retrying: fetch from s-0 timed out'), { timeout: 5000 });
    } finally {
      await engine.close();
    }
  });

  it('receives a store restore\'s progress and its end, on a clock where every step takes 6 s', async () => {
    const log = new MemoryLog();
    const lines: string[] = [];
    const first = await startEngine(log, mkdtempSync(join(tmpdir(), 'squall-progress-')), lines);
    await first.execute({
      sql: `CREATE STREAM S (ID STRING KEY, USER STRING) WITH (KAFKA_TOPIC='s', VALUE_FORMAT='JSON', PARTITIONS=1);
            CREATE TABLE COUNTS AS SELECT USER, COUNT(*) AS N FROM S GROUP BY USER;`,
    });
    const producer = await log.producer();
    producer.send(Array.from({ length: 50 }, (_, index) => ({ topic: 's', key: Buffer.from(`${index}`), value: Buffer.from(`{"USER": "u${index % 5}"}`) })));
    await producer.flush();
    await producer.close();
    await first.drain();
    await first.close();
    expect(lines).toEqual([]);

    // An empty state dir: the store is restored from its changelog, slowly by this clock.
    let clock = Date.now();
    vi.spyOn(Date, 'now').mockImplementation(() => (clock += 6000));
    const second = await startEngine(log, mkdtempSync(join(tmpdir(), 'squall-progress-')), lines);
    await second.drain();
    await second.close();
    const restoreLines = lines.filter((line) => line.startsWith('squall: CTAS_COUNTS_0: restor'));
    expect(restoreLines[0]).toMatch(/^squall: CTAS_COUNTS_0: restoring \S+ \[0\]: \d+\/\d+ records$/);
    expect(restoreLines.at(-1)).toMatch(/^squall: CTAS_COUNTS_0: restored \S+ \[0\]: 5 records in \d+\.\d s$/);
  });
});
