// An unbounded async queue of query events with an end: the bridge from a query's synchronous
// row callback to the server's `for await` over `QueryStream.events`.
import type { QueryEvent } from './api.js';

export class RowQueue implements AsyncIterable<QueryEvent> {
  private readonly buffered: QueryEvent[] = [];
  private waiting: ((result: IteratorResult<QueryEvent>) => void) | undefined;
  private ended = false;

  push(event: QueryEvent): void {
    if (this.ended) return;
    const waiting = this.waiting;
    if (waiting !== undefined) {
      this.waiting = undefined;
      waiting({ value: event, done: false });
      return;
    }
    this.buffered.push(event);
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterator<QueryEvent> {
    return {
      next: () => {
        const event = this.buffered.shift();
        if (event !== undefined) return Promise.resolve({ value: event, done: false });
        if (this.ended) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve) => {
          this.waiting = resolve;
        });
      },
      return: () => {
        this.end();
        return Promise.resolve({ value: undefined, done: true });
      },
    };
  }
}
