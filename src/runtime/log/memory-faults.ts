// Fault injection for the in-memory Log: the failures the exactly-once commit protocol must
// survive (a crash between produce and commit, a fenced producer, a failed commit, Kafka away).
import { LogUnavailableError } from './log-errors.js';

export type FaultOperation = 'send' | 'flush' | 'beginTransaction' | 'commitTransaction' | 'abortTransaction' | 'commit' | 'poll';

/** The process died in the middle of a commit: its producer and consumer are gone. */
export class SimulatedCrash extends Error {
  constructor(operation: string) {
    super(`Simulated crash during ${operation}`);
    this.name = 'SimulatedCrash';
  }
}

export class MemoryFaults {
  private readonly armed = new Map<FaultOperation, { error: Error; times: number }>();
  private unavailable = false;
  private crashArmed = false;

  /** @param fencer fences the live producer of a transactional id (the Log knows them). */
  constructor(private readonly fencer: (transactionalId: string) => void) {}

  /** The live producer with this transactional id is fenced, as by a newer instance of itself. */
  fence(transactionalId: string): void {
    this.fencer(transactionalId);
  }

  /** The next `times` calls of `operation` throw `error`. */
  failNext(operation: FaultOperation, error: Error = new Error(`Injected failure of ${operation}`), times = 1): void {
    this.armed.set(operation, { error, times });
  }

  /** The next commitTransaction appends nothing more and commits nothing: the process dies there. */
  crashOnCommit(): void {
    this.crashArmed = true;
  }

  /** While set, every call rejects with LogUnavailableError, as when no broker can be reached. */
  setUnavailable(unavailable: boolean): void {
    this.unavailable = unavailable;
  }

  /** @internal Throws the fault armed for this call, if any. */
  check(operation: FaultOperation | 'admin'): void {
    if (this.unavailable) throw new LogUnavailableError(`${operation} failed: Kafka is unavailable (injected)`);
    if (operation === 'admin') return;
    const armed = this.armed.get(operation);
    if (armed === undefined) return;
    if (--armed.times <= 0) this.armed.delete(operation);
    throw armed.error;
  }

  /** @internal True once, for the commit that crashes. */
  takeCrash(): boolean {
    const crash = this.crashArmed;
    this.crashArmed = false;
    return crash;
  }
}
