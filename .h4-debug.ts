import { startEmbeddedKafka } from './src/runtime/log/embedded-kafka.js';
import { KafkaLog } from './src/runtime/log/kafka-log.js';
const embedded = await startEmbeddedKafka();
const log = new KafkaLog({ bootstrapServers: embedded.bootstrapServers, mockCluster: true });
await log.createTopic('g-topic', { partitions: 4 });
const producer = await log.producer();
producer.send([0,1,2].map((i) => ({ topic: 'g-topic', partition: 0, key: null, value: Buffer.from('v' + i) })));
await producer.flush();
const consumer = await log.consumer({ groupId: 'g1', offsetReset: 'earliest' });
await consumer.subscribe(['g-topic']);
const t0 = Date.now();
let got = 0;
while (Date.now() - t0 < 12000 && got < 3) {
  const records = await consumer.poll(10, 100);
  got += records.length;
  if (records.length) console.log(Date.now() - t0, records.length, consumer.assignment().length);
}
console.log('got', got, 'assignment', consumer.assignment());
await log.close();
await embedded.stop();
