import { startEmbeddedKafka } from './src/runtime/log/embedded-kafka.js';
import { KafkaLog } from './src/runtime/log/kafka-log.js';
const embedded = await startEmbeddedKafka();
const log = new KafkaLog({ bootstrapServers: embedded.bootstrapServers, mockCluster: true });
const debugLog = new KafkaLog({ bootstrapServers: embedded.bootstrapServers, mockCluster: true, properties: { debug: 'cgrp' } });
await log.createTopic('g-topic', { partitions: 4 });
const producer = await log.producer();
producer.send([0,1,2].map((i) => ({ topic: 'g-topic', partition: 0, key: null, value: Buffer.from('v' + i) })));
await producer.flush();
const t0 = Date.now();
async function run(l: KafkaLog, debug: boolean) {
  const consumer = await l.consumer({ groupId: 'g1', offsetReset: 'earliest' });
  if (debug) (consumer as any).native.on('event.log', (e: any) => { if (!/HEARTBEAT|DUMP/.test(e.fac)) console.log(Date.now() - t0, e.fac, e.message.slice(0, 160)); });
  await consumer.subscribe(['g-topic']);
  let got = 0;
  while (Date.now() - t0 < 20000 && got < 3) got += (await consumer.poll(10, 100)).length;
  console.log(Date.now() - t0, 'got', got);
  await consumer.commit([{ topic: 'g-topic', partition: 0, offset: 1 }]);
  await consumer.close();
  console.log(Date.now() - t0, 'closed');
}
await run(log, false);
await run(debugLog, true);
await log.close(); await debugLog.close();
await embedded.stop();
