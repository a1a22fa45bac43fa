// The click-stream generator: deterministic per seed, keyed by session, sessions belonging to one user.
import { describe, expect, it } from 'vitest';
import { generateClickstream } from '../../../bench/generators/clickstream.js';

const startTimeMs = 1_700_000_000_000;

interface Click {
  user_id: string;
  session_id: string;
  event_type: string;
  event_time: number;
}

describe('generateClickstream', () => {
  it('generates the same events for the same seed and different ones for another seed', () => {
    const first = generateClickstream({ seed: 11, events: 300, startTimeMs });
    expect(generateClickstream({ seed: 11, events: 300, startTimeMs })).toEqual(first);
    expect(generateClickstream({ seed: 12, events: 300, startTimeMs })).not.toEqual(first);
  });

  it('keys each event by its session, which belongs to a single user, with event times in order', () => {
    const records = generateClickstream({ seed: 2, events: 2000, startTimeMs, users: 20 });
    expect(records).toHaveLength(2000);
    const sessionOwners = new Map<string, string>();
    let previousMs = startTimeMs;
    for (const record of records) {
      const click = JSON.parse(record.value) as Click;
      expect(record.key).toBe(click.session_id);
      expect(click.event_time).toBe(record.timestampMs);
      expect(record.timestampMs).toBeGreaterThanOrEqual(previousMs);
      previousMs = record.timestampMs;
      const owner = sessionOwners.get(click.session_id) ?? click.user_id;
      expect(owner).toBe(click.user_id);
      sessionOwners.set(click.session_id, owner);
    }
    const users = new Set([...sessionOwners.values()]);
    expect(users.size).toBe(20);
    // Users come back in new sessions, so a session window has several sessions per user to close.
    expect(sessionOwners.size).toBeGreaterThan(users.size);
  });

  it('draws event types from the click-stream vocabulary', () => {
    const types = new Set(generateClickstream({ seed: 4, events: 500, startTimeMs }).map((record) => (JSON.parse(record.value) as Click).event_type));
    expect([...types].sort()).toEqual(['add_to_cart', 'click', 'purchase', 'view']);
  });
});
