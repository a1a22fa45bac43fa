// An in-memory Log whose consumers' polls start rejecting on demand, as when the brokers go away
// under a running query.
import { MemoryLog, type ConsumerOptions, type LogConsumer } from '../../src/runtime/index.js';

export class FailingPollLog extends MemoryLog {
  private failure: Error | undefined;

  /** From now on, every poll of every consumer rejects with `failure`. */
  failPolls(failure: Error): void {
    this.failure = failure;
  }

  override async consumer(options: ConsumerOptions): Promise<LogConsumer> {
    const consumer = await super.consumer(options);
    const poll = consumer.poll.bind(consumer);
    consumer.poll = (maxRecords, timeoutMs) => (this.failure === undefined ? poll(maxRecords, timeoutMs) : Promise.reject(this.failure));
    return consumer;
  }
}
