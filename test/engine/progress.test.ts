// The engine hands long operations' progress to the `onProgress` it was given (the server's log).
import { describe, expect, it, vi } from 'vitest';
import { Engine } from '../../src/engine/index.js';
import { LogUnavailableError } from '../../src/runtime/index.js';
import { FailingPollLog } from './failing-poll-log.js';

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
});
