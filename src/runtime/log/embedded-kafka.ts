// The embedded Kafka: librdkafka's mock cluster, a Kafka-protocol server on 127.0.0.1, run in-process.
import kafka, { type Metadata } from '@confluentinc/kafka-javascript';
import { call } from './librdkafka-calls.js';

export interface EmbeddedKafka {
  /** Reachable from this process and from others on the same host. */
  readonly bootstrapServers: string;
  /** Shuts the cluster down; its data is gone. Safe to call twice. */
  stop(): Promise<void>;
}

export interface EmbeddedKafkaOptions {
  /** Brokers in the cluster. Default 3. */
  readonly brokers?: number;
}

/**
 * The notice librdkafka logs when a client starts a mock cluster, e.g. "Mock cluster enabled: original
 * bootstrap.servers and security.protocol ignored and replaced with 127.0.0.1:46459,127.0.0.1:40171".
 * It comes at NOTICE level, so `debug: 'mock'` (which logs every request the brokers serve) is not needed.
 */
const mockClusterNotice = /Mock cluster enabled: .* replaced with (\S+)/;

/**
 * Starts a mock cluster. It lives inside one otherwise idle producer: the cluster stops when that
 * client disconnects. Clients reach it through `bootstrapServers` like any Kafka; use
 * `new KafkaLog({ bootstrapServers, mockCluster: true })` (see KafkaLogConfig for the mock's gaps).
 */
export async function startEmbeddedKafka(options: EmbeddedKafkaOptions = {}): Promise<EmbeddedKafka> {
  const brokers = options.brokers ?? 3;
  if (!Number.isInteger(brokers) || brokers < 1) throw new Error(`An embedded Kafka needs at least one broker, not ${brokers}`);
  // The bootstrap address is required but replaced by the mock cluster's; unresolvable, so no real broker answers instead.
  // The mock settings are hidden librdkafka properties, absent from the client's config types.
  const holder = new kafka.Producer(Object.assign({ 'bootstrap.servers': 'mock-cluster.invalid:9092' }, { 'test.mock.num.brokers': brokers }));
  let announced: string | undefined;
  holder.on('event.log', (event: unknown) => {
    announced ??= parseMockClusterNotice(event);
  });
  const metadata = await call<Metadata>('Embedded Kafka start', (callback) => holder.connect({ timeout: 10_000 }, callback));
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= new Promise((resolve) => holder.disconnect(() => resolve()));
    return stopping;
  };
  // The notice normally lands first; the brokers the cluster reported name the same listeners.
  const bootstrapServers = announced ?? metadata.brokers.map((broker) => `${broker.host}:${broker.port}`).join(',');
  if (!/^127\.0\.0\.1:\d+/.test(bootstrapServers)) {
    await stop();
    throw new Error(`librdkafka started no mock cluster (brokers: '${bootstrapServers}')`);
  }
  return { bootstrapServers, stop };
}

/** @internal The bootstrap servers named by a client log event, when it is the mock cluster notice. */
export function parseMockClusterNotice(event: unknown): string | undefined {
  if (typeof event !== 'object' || event === null) return undefined;
  const message: unknown = Reflect.get(event, 'message');
  if (typeof message !== 'string') return undefined;
  return mockClusterNotice.exec(message)?.[1];
}
