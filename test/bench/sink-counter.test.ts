// The sink counter over the embedded Kafka: marks the first and n-th output, times out on a shortfall, measures latency.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SinkCounter } from '../../bench/sink-counter.js';
import { KafkaLog, startEmbeddedKafka, type EmbeddedKafka } from '../../src/runtime/index.js';

let kafka: EmbeddedKafka;
let log: KafkaLog;

beforeAll(async () => {
  kafka = await startEmbeddedKafka();
  log = new KafkaLog({ bootstrapServers: kafka.bootstrapServers, mockCluster: true });
});

afterAll(async () => {
  await log.close();
  await kafka.stop();
});

async function produce(topic: string, count: number, timestampMs: number, value: Buffer | null = Buffer.from('{}')): Promise<void> {
  const producer = await log.producer();
  producer.send(Array.from({ length: count }, (_, index) => ({ topic, key: Buffer.from(`k${index}`), value, timestamp: timestampMs })));
  await producer.flush();
  await producer.close();
}

describe('SinkCounter', () => {
  it('resolves when the target count has arrived, after the first output mark', async () => {
    const counter = await SinkCounter.open(kafka.bootstrapServers, 'counter_enough');
    try {
      await produce('counter_enough', 30, Date.now());
      const last = await counter.reach({ updates: 30, tombstones: 0 }, 20_000);
      expect(last).toBeDefined();
      expect(counter.count).toBe(30);
      expect(counter.first!.atMs).toBeLessThanOrEqual(last!.atMs);
    } finally {
      await counter.close();
    }
  });

  it('resolves undefined when fewer outputs than expected arrive before the timeout', async () => {
    const counter = await SinkCounter.open(kafka.bootstrapServers, 'counter_short');
    try {
      await produce('counter_short', 5, Date.now());
      expect(await counter.reach({ updates: 6, tombstones: 0 }, 3000)).toBeUndefined();
      expect(counter.count).toBe(5);
    } finally {
      await counter.close();
    }
  });

  it('records arrival minus record timestamp once latency tracking starts', async () => {
    const counter = await SinkCounter.open(kafka.bootstrapServers, 'counter_latency');
    try {
      const samples = counter.trackLatencies();
      await produce('counter_latency', 10, Date.now() - 60_000);
      await counter.reach({ updates: 10, tombstones: 0 }, 20_000);
      expect(samples).toHaveLength(10);
      for (const sample of samples) expect(sample).toBeGreaterThanOrEqual(60_000);
    } finally {
      await counter.close();
    }
  });

  it('counts tombstones apart from updates and waits for both, leaving tombstones out of latency', async () => {
    const counter = await SinkCounter.open(kafka.bootstrapServers, 'counter_tombstones');
    try {
      const samples = counter.trackLatencies();
      await produce('counter_tombstones', 4, Date.now());
      await produce('counter_tombstones', 3, Date.now(), null);
      expect(await counter.reach({ updates: 4, tombstones: 3 }, 20_000)).toBeDefined();
      expect(counter.updates).toBe(4);
      expect(counter.tombstones).toBe(3);
      expect(counter.count).toBe(7);
      expect(samples).toHaveLength(4);
      expect(await counter.reach({ updates: 5, tombstones: 3 }, 1000)).toBeUndefined();
    } finally {
      await counter.close();
    }
  });
});
