// The in-memory Log: deterministic and broker-free, Squall's TopologyTestDriver.
import type {
  ConsumerOptions,
  CreateTopicOptions,
  Log,
  LogConsumer,
  LogProducer,
  ProducerOptions,
  TopicDescription,
} from './log.js';
import { MemoryConsumer } from './memory-consumer.js';
import { MemoryFaults } from './memory-faults.js';
import { MemoryProducer } from './memory-producer.js';
import { MemoryStore } from './memory-store.js';

export interface MemoryLogOptions {
  /** Create a topic on first produce, as brokers with `auto.create.topics.enable` do. Default false. */
  readonly autoCreateTopics?: boolean;
  /** Partitions of an auto-created topic. Default 1. */
  readonly defaultPartitions?: number;
  /** Timestamp of records produced without one. Default `Date.now`. */
  readonly clock?: () => number;
}

export class MemoryLog implements Log {
  private readonly store: MemoryStore;
  private readonly producers = new Set<MemoryProducer>();
  private readonly consumers = new Set<MemoryConsumer>();
  /** The live producer of each transactional id; a newer one fences it, as Kafka's coordinator does. */
  private readonly transactionalProducers = new Map<string, MemoryProducer>();
  private closed = false;

  constructor(options: MemoryLogOptions = {}) {
    this.store = new MemoryStore(
      {
        autoCreateTopics: options.autoCreateTopics ?? false,
        defaultPartitions: options.defaultPartitions ?? 1,
        clock: options.clock ?? Date.now,
      },
      new MemoryFaults((transactionalId) => this.transactionalProducers.get(transactionalId)?.fence()),
    );
  }

  /** Fault injection for tests of the commit protocol. */
  get faults(): MemoryFaults {
    return this.store.faults;
  }

  async createTopic(name: string, options: CreateTopicOptions): Promise<void> {
    this.assertOpen();
    this.store.createTopic(name, options.partitions);
  }

  async describeTopic(name: string): Promise<TopicDescription | undefined> {
    this.assertOpen();
    const topic = this.store.topics.get(name);
    return topic === undefined ? undefined : { name, partitions: topic.partitions.length };
  }

  async listTopics(): Promise<TopicDescription[]> {
    this.assertOpen();
    return [...this.store.topics.values()].map((topic) => ({ name: topic.name, partitions: topic.partitions.length }));
  }

  /** Always succeeds: a missing topic is already gone. */
  async deleteTopic(name: string): Promise<boolean> {
    this.assertOpen();
    this.store.deleteTopic(name);
    return true;
  }

  async producer(options: ProducerOptions = {}): Promise<LogProducer> {
    this.assertOpen();
    const transactionalId = options.transactionalId;
    const producer = new MemoryProducer(this.store, transactionalId, (closed) => this.forgetProducer(closed));
    if (transactionalId !== undefined) {
      this.transactionalProducers.get(transactionalId)?.fence();
      this.transactionalProducers.set(transactionalId, producer);
    }
    this.producers.add(producer);
    return producer;
  }

  async consumer(options: ConsumerOptions): Promise<LogConsumer> {
    this.assertOpen();
    const consumer = new MemoryConsumer(this.store, options, (closed) => this.consumers.delete(closed));
    this.consumers.add(consumer);
    return consumer;
  }

  /** Closes every producer and consumer still open; safe to call twice. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.producers].map((producer) => producer.close()));
    await Promise.all([...this.consumers].map((consumer) => consumer.close()));
  }

  private forgetProducer(producer: MemoryProducer): void {
    this.producers.delete(producer);
    const id = producer.transactionalId;
    if (id !== undefined && this.transactionalProducers.get(id) === producer) this.transactionalProducers.delete(id);
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('MemoryLog is closed');
    this.store.faults.check('admin');
  }
}
