// The Kafka Log: admin, producers and consumers over @confluentinc/kafka-javascript's librdkafka API.
import kafka, { type IAdminClient, type Metadata } from '@confluentinc/kafka-javascript';
import { call, callForCode, errorCodes } from './librdkafka-calls.js';
import { KafkaLogConsumer } from './kafka-consumer.js';
import { KafkaLogProducer } from './kafka-producer.js';
import type { KafkaClientSettings } from './kafka-settings.js';
import type { ConsumerOptions, CreateTopicOptions, Log, LogConsumer, LogProducer, ProducerOptions, TopicDescription } from './log.js';

type NativeConsumer = InstanceType<typeof kafka.KafkaConsumer>;
type NativeProducer = InstanceType<typeof kafka.Producer>;

export interface KafkaLogConfig {
  /** `host:port[,host:port...]`. */
  readonly bootstrapServers: string;
  /** librdkafka properties passed to every client: `security.protocol`, `sasl.*`, `ssl.*`, `client.id`, ... */
  readonly properties?: Readonly<Record<string, string | number | boolean>>;
  /**
   * The cluster is librdkafka's mock cluster (the embedded Kafka). It never answers CreateTopics or
   * DeleteTopics and does not store transactional offsets, so topics are auto-created (always with
   * 4 partitions), deleteTopic resolves false, and transactional offsets are also committed through
   * the consumer. Left unset against the mock, the first createTopic waits `requestTimeoutMs` before
   * falling back the same way.
   */
  readonly mockCluster?: boolean;
  /** Limit for one broker round trip. Default 10 s. */
  readonly requestTimeoutMs?: number;
}

/** Metadata refreshes while waiting for an auto-created topic to appear. */
const topicAppearanceAttempts = 50;
const topicAppearanceDelayMs = 100;

export class KafkaLog implements Log {
  private readonly settings: KafkaClientSettings;
  private readonly clients = new Set<KafkaLogProducer | KafkaLogConsumer>();
  /** Metadata and admin requests go through one consumer, which never auto-creates topics. */
  private metadataClient: Promise<NativeConsumer> | undefined;
  private admin: IAdminClient | undefined;
  /** Only producers' metadata requests auto-create topics; used where CreateTopics goes unanswered. */
  private topicCreator: Promise<NativeProducer> | undefined;
  /** Set once the cluster has ignored a CreateTopics request, as the mock cluster does. */
  private topicAdminUnanswered: boolean;
  private closing: Promise<void> | undefined;

  constructor(config: KafkaLogConfig) {
    this.settings = {
      bootstrapServers: config.bootstrapServers,
      properties: config.properties ?? {},
      mockCluster: config.mockCluster ?? false,
      requestTimeoutMs: config.requestTimeoutMs ?? 10_000,
    };
    this.topicAdminUnanswered = this.settings.mockCluster;
  }

  async createTopic(name: string, options: CreateTopicOptions): Promise<void> {
    this.assertOpen();
    if (!this.topicAdminUnanswered && (await this.createWithAdmin(name, options))) return;
    await this.autoCreate(name);
  }

  async describeTopic(name: string): Promise<TopicDescription | undefined> {
    return (await this.listTopics()).find((topic) => topic.name === name);
  }

  /** Every topic the cluster reports, internal ones (`__consumer_offsets`, ...) included. */
  async listTopics(): Promise<TopicDescription[]> {
    this.assertOpen();
    const metadata = await this.metadata();
    return metadata.topics
      .filter((topic) => topic.partitions.length > 0)
      .map((topic) => ({ name: topic.name, partitions: topic.partitions.length }));
  }

  async deleteTopic(name: string): Promise<boolean> {
    this.assertOpen();
    if (this.topicAdminUnanswered) return false;
    const admin = await this.adminClient();
    const code = await callForCode((callback) => admin.deleteTopic(name, this.settings.requestTimeoutMs, callback));
    if (code === 0 || code === errorCodes.unknownTopicOrPartition) return true;
    if (code === errorCodes.topicDeletionDisabled || code === errorCodes.timedOut || code === errorCodes.unsupportedVersion) return false;
    throw new Error(`Deleting topic '${name}' failed with Kafka error code ${code}`);
  }

  async producer(options: ProducerOptions = {}): Promise<LogProducer> {
    this.assertOpen();
    return this.track(await KafkaLogProducer.connect(this.settings, options.transactionalId, (closed) => this.clients.delete(closed)));
  }

  async consumer(options: ConsumerOptions): Promise<LogConsumer> {
    this.assertOpen();
    return this.track(await KafkaLogConsumer.connect(this.settings, options, (closed) => this.clients.delete(closed)));
  }

  /** Closes every client this log made; safe to call twice. */
  close(): Promise<void> {
    this.closing ??= this.closeClients();
    return this.closing;
  }

  /** True when the cluster created the topic or already had it; false when it left the request unanswered. */
  private async createWithAdmin(name: string, options: CreateTopicOptions): Promise<boolean> {
    const admin = await this.adminClient();
    const topic = {
      topic: name,
      num_partitions: options.partitions,
      // -1 asks for the broker's default.replication.factor (Kafka 2.4+).
      replication_factor: options.replicas ?? -1,
      config: { ...options.config },
    };
    const code = await callForCode((callback) => admin.createTopic(topic, this.settings.requestTimeoutMs, callback));
    if (code === 0 || code === errorCodes.topicAlreadyExists) return true;
    if (code !== errorCodes.timedOut) throw new Error(`Creating topic '${name}' failed with Kafka error code ${code}`);
    if ((await this.describeTopic(name)) !== undefined) return true;
    this.topicAdminUnanswered = true;
    return false;
  }

  /** A producer's metadata request for the topic makes the broker create it with its default partitions. */
  private async autoCreate(name: string): Promise<void> {
    const creator = await this.producerForAutoCreation();
    for (let attempt = 0; attempt < topicAppearanceAttempts; attempt++) {
      await call<Metadata>('Metadata', (callback) => creator.getMetadata({ topic: name, timeout: this.settings.requestTimeoutMs }, callback));
      if ((await this.describeTopic(name)) !== undefined) return;
      await new Promise((resolve) => setTimeout(resolve, topicAppearanceDelayMs));
    }
    throw new Error(`Topic '${name}' did not appear: the cluster neither created it nor auto-created it`);
  }

  private metadata(): Promise<Metadata> {
    return this.connectedMetadataClient().then((client) =>
      call<Metadata>('Metadata', (callback) => client.getMetadata({ allTopics: true, timeout: this.settings.requestTimeoutMs }, callback)),
    );
  }

  private connectedMetadataClient(): Promise<NativeConsumer> {
    this.metadataClient ??= connectClient(
      new kafka.KafkaConsumer(
        Object.assign({}, this.settings.properties, {
          'bootstrap.servers': this.settings.bootstrapServers,
          'group.id': 'squall-metadata',
          'allow.auto.create.topics': false,
        }),
        {},
      ),
      this.settings.requestTimeoutMs,
    );
    return this.metadataClient;
  }

  private async adminClient(): Promise<IAdminClient> {
    const base = await this.connectedMetadataClient();
    this.admin ??= kafka.AdminClient.createFrom(base);
    return this.admin;
  }

  private producerForAutoCreation(): Promise<NativeProducer> {
    this.topicCreator ??= connectClient(
      new kafka.Producer(
        Object.assign({}, this.settings.properties, { 'bootstrap.servers': this.settings.bootstrapServers, 'allow.auto.create.topics': true }),
      ),
      this.settings.requestTimeoutMs,
    );
    return this.topicCreator;
  }

  private track<Client extends KafkaLogProducer | KafkaLogConsumer>(client: Client): Client {
    this.clients.add(client);
    return client;
  }

  private async closeClients(): Promise<void> {
    await Promise.all([...this.clients].map((client) => client.close()));
    this.clients.clear();
    const internal = [this.metadataClient, this.topicCreator].filter((client) => client !== undefined);
    await Promise.all(internal.map((client) => client.then(disconnect, () => undefined)));
  }

  private assertOpen(): void {
    if (this.closing !== undefined) throw new Error('KafkaLog is closed');
  }
}

async function connectClient<Client extends NativeConsumer | NativeProducer>(client: Client, timeoutMs: number): Promise<Client> {
  try {
    await call('Connect', (callback) => client.connect({ timeout: timeoutMs }, callback));
  } catch (error) {
    await disconnect(client);
    throw error;
  }
  return client;
}

function disconnect(client: NativeConsumer | NativeProducer): Promise<void> {
  return new Promise((resolve) => client.disconnect(() => resolve()));
}
