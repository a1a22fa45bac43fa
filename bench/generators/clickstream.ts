// Click-stream events (user_id, session_id, event_type) as JSON keyed by session, with event times.
import type { BenchRecord } from './bench-record.js';
import { createSeededRandom, type SeededRandom } from './seeded-random.js';

export interface ClickstreamOptions {
  readonly seed: number;
  readonly events: number;
  readonly startTimeMs: number;
  /** Distinct users. Default: one per 50 events, at least 1. */
  readonly users?: number;
}

const eventTypes = ['view', 'view', 'view', 'click', 'click', 'add_to_cart', 'purchase'] as const;
const pages = ['/', '/search', '/product', '/cart', '/checkout', '/account', '/help'] as const;
/** A user who stays idle this long starts a new session, as a session window with this gap would see it. */
const sessionGapMs = 30 * 60_000;
/** Event time advances by up to this much between consecutive events (over all users). */
const maximumStepMs = 20;

interface UserState {
  sessionNumber: number;
  lastEventMs: number;
}

/** Generates `events` click events; the same seed gives the same events. */
export function generateClickstream(options: ClickstreamOptions): BenchRecord[] {
  const random = createSeededRandom(options.seed);
  const userCount = options.users ?? Math.max(1, Math.floor(options.events / 50));
  const users = new Map<number, UserState>();
  const records: BenchRecord[] = [];
  let timestampMs = options.startTimeMs;
  for (let index = 0; index < options.events; index++) {
    timestampMs += random.integer(0, maximumStepMs);
    const userNumber = random.integer(1, userCount);
    const sessionId = currentSession(users, userNumber, timestampMs, random);
    const value = {
      user_id: `user-${userNumber}`,
      session_id: sessionId,
      event_type: random.pick(eventTypes),
      page: random.pick(pages),
      event_time: timestampMs,
    };
    records.push({ key: sessionId, value: JSON.stringify(value), timestampMs });
  }
  return records;
}

/** The user's session id; a new one after a gap longer than the session gap, or now and then at random. */
function currentSession(users: Map<number, UserState>, userNumber: number, timestampMs: number, random: SeededRandom): string {
  const state = users.get(userNumber);
  if (state === undefined) {
    users.set(userNumber, { sessionNumber: 1, lastEventMs: timestampMs });
    return `user-${userNumber}-s1`;
  }
  if (timestampMs - state.lastEventMs > sessionGapMs || random.next() < 0.02) state.sessionNumber++;
  state.lastEventMs = timestampMs;
  return `user-${userNumber}-s${state.sessionNumber}`;
}
