// Feeding the input over the embedded Kafka: every record retained is confirmed, a shortfall is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bulkFeedLog, produceAll, verifyRetained } from '../../bench/input-feeder.js';
import { generateClickstream } from '../../bench/generators/clickstream.js';
import { startEmbeddedKafka, type EmbeddedKafka, type KafkaLog } from '../../src/runtime/index.js';

let kafka: EmbeddedKafka;
let log: KafkaLog;

beforeAll(async () => {
  kafka = await startEmbeddedKafka();
  log = bulkFeedLog(kafka.bootstrapServers);
});

afterAll(async () => {
  await log.close();
  await kafka.stop();
});

describe('produceAll and verifyRetained', () => {
  it('confirms a topic holding every produced record from offset 0', async () => {
    const records = generateClickstream({ seed: 1, events: 2000, startTimeMs: 0 });
    await produceAll(log, { input: 'feeder_whole', side: 'feeder_whole_side' }, records);
    await expect(verifyRetained(log, 'feeder_whole', 2000)).resolves.toBeUndefined();
  });

  it('sends the records marked side to the side topic, the others to the input topic', async () => {
    const records = generateClickstream({ seed: 3, events: 300, startTimeMs: 0 }).map((record, index) => (index % 3 === 0 ? { ...record, side: true as const } : record));
    await produceAll(log, { input: 'feeder_main', side: 'feeder_main_side' }, records);
    await expect(verifyRetained(log, 'feeder_main', 200)).resolves.toBeUndefined();
    await expect(verifyRetained(log, 'feeder_main_side', 100)).resolves.toBeUndefined();
  });

  it('refuses a topic holding fewer records than were meant to be produced', async () => {
    const records = generateClickstream({ seed: 2, events: 100, startTimeMs: 0 });
    await produceAll(log, { input: 'feeder_short', side: 'feeder_short_side' }, records);
    await expect(verifyRetained(log, 'feeder_short', 150)).rejects.toThrow('Topic feeder_short lost input: offsets start at [0, 0, 0, 0], 100 of 150 records written');
  });
});
