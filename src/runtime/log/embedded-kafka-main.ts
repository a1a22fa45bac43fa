// Entry point: `npx tsx src/runtime/log/embedded-kafka-main.ts [brokers]` runs an embedded Kafka until signalled.
import { runEmbeddedKafkaProcess } from './embedded-kafka-process.js';

const brokersArgument = process.argv[2];
runEmbeddedKafkaProcess(brokersArgument === undefined ? {} : { brokers: Number(brokersArgument) }).then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`Embedded Kafka failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
