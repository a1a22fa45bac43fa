// Runs the embedded Kafka as a process of its own: announces the bootstrap servers, stops on a signal.
import { startEmbeddedKafka, type EmbeddedKafkaOptions } from './embedded-kafka.js';

/**
 * Starts the embedded Kafka, prints `BOOTSTRAP=<servers>` as one stdout line for whoever spawned us,
 * and resolves once SIGTERM or SIGINT has stopped it. `squall kafka` and the test helper use this.
 */
export async function runEmbeddedKafkaProcess(
  options: EmbeddedKafkaOptions = {},
  announce: (bootstrapServers: string) => void = () => undefined,
): Promise<void> {
  const embedded = await startEmbeddedKafka(options);
  process.stdout.write(`BOOTSTRAP=${embedded.bootstrapServers}\n`);
  announce(embedded.bootstrapServers);
  // The mock cluster's threads are native; this handle keeps Node's event loop (and so the process) alive.
  const keepAlive = setInterval(() => undefined, 1 << 30);
  await new Promise<void>((resolve) => {
    const shutDown = (): void => {
      process.off('SIGTERM', shutDown);
      process.off('SIGINT', shutDown);
      resolve();
    };
    process.on('SIGTERM', shutDown);
    process.on('SIGINT', shutDown);
  });
  clearInterval(keepAlive);
  await embedded.stop();
}
