// The base of the wrapping layers (changelogging, caching, metered): name and lifecycle pass through.
import type { StateStore } from './store.js';

export abstract class StoreWrapper<Inner extends StateStore> {
  readonly name: string;

  protected constructor(protected readonly inner: Inner) {
    this.name = inner.name;
  }

  approximateCount(): number {
    return this.inner.approximateCount();
  }

  flush(): void {
    this.inner.flush();
  }

  discard(): void {
    this.inner.discard();
  }
}
