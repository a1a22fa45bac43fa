// Nexmark-style auction events (persons, auctions, bids) as keyed JSON records with event times.
import type { BenchRecord } from './bench-record.js';
import { createSeededRandom, type SeededRandom } from './seeded-random.js';

export interface NexmarkOptions {
  readonly seed: number;
  /** Bids to generate; persons and auctions follow Nexmark's 1 : 3 : 46 proportions. */
  readonly bids: number;
  /** Event time of the first event. */
  readonly startTimeMs: number;
}

export interface NexmarkEvents {
  /** Keyed by person id. */
  readonly persons: BenchRecord[];
  /** Keyed by auction id. */
  readonly auctions: BenchRecord[];
  /** Keyed by auction id, so bids are co-partitioned with their auction. */
  readonly bids: BenchRecord[];
}

/** Nexmark interleaves its events in blocks of 50: 1 person, then 3 auctions, then 46 bids. */
const eventsPerBlock = 50;
const personsPerBlock = 1;
const auctionsPerBlock = 3;
/** Nexmark's default generator rate is 10,000 events per second of event time. */
const eventsPerEventSecond = 10_000;
const firstId = 1000;

const channels = ['Google', 'Facebook', 'Baidu', 'Apple'] as const;
const cities = ['Phoenix', 'Los Angeles', 'San Francisco', 'Boise', 'Portland', 'Bend', 'Redmond', 'Seattle', 'Kent', 'Cheyenne'] as const;
const states = ['AZ', 'CA', 'ID', 'OR', 'WA', 'WY'] as const;
const firstNames = ['Peter', 'Paul', 'Luke', 'John', 'Saul', 'Vicky', 'Kate', 'Julie', 'Sarah', 'Deiter', 'Walter'] as const;
const lastNames = ['Shultz', 'Abrams', 'Spencer', 'White', 'Bartels', 'Walton', 'Smith', 'Jones', 'Noris'] as const;

/** Generates the events in Nexmark order until `bids` bids exist; the same seed gives the same events. */
export function generateNexmark(options: NexmarkOptions): NexmarkEvents {
  const random = createSeededRandom(options.seed);
  const events: NexmarkEvents = { persons: [], auctions: [], bids: [] };
  for (let eventNumber = 0; events.bids.length < options.bids; eventNumber++) {
    const timestampMs = options.startTimeMs + Math.floor((eventNumber * 1000) / eventsPerEventSecond);
    const positionInBlock = eventNumber % eventsPerBlock;
    if (positionInBlock < personsPerBlock) events.persons.push(person(random, firstId + events.persons.length, timestampMs));
    else if (positionInBlock < personsPerBlock + auctionsPerBlock) events.auctions.push(auction(random, events, timestampMs));
    else events.bids.push(bid(random, events, timestampMs));
  }
  return events;
}

function person(random: SeededRandom, id: number, timestampMs: number): BenchRecord {
  const value = {
    id,
    name: `${random.pick(firstNames)} ${random.pick(lastNames)}`,
    emailAddress: `user${random.integer(1, 999_999)}@example.com`,
    creditCard: `${random.integer(1000, 9999)} ${random.integer(1000, 9999)} ${random.integer(1000, 9999)} ${random.integer(1000, 9999)}`,
    city: random.pick(cities),
    state: random.pick(states),
    dateTime: timestampMs,
    extra: '',
  };
  return { key: String(id), value: JSON.stringify(value), timestampMs };
}

function auction(random: SeededRandom, events: NexmarkEvents, timestampMs: number): BenchRecord {
  const id = firstId + events.auctions.length;
  const initialBid = random.integer(100, 10_000);
  const value = {
    id,
    itemName: `item-${random.integer(1, 100_000)}`,
    description: `description of item ${id}`,
    initialBid,
    reserve: initialBid + random.integer(0, 10_000),
    dateTime: timestampMs,
    expires: timestampMs + random.integer(10_000, 600_000),
    seller: latestId(events.persons.length, random),
    category: random.integer(10, 19),
    extra: '',
  };
  return { key: String(id), value: JSON.stringify(value), timestampMs };
}

function bid(random: SeededRandom, events: NexmarkEvents, timestampMs: number): BenchRecord {
  const auctionId = latestId(events.auctions.length, random);
  const channel = random.pick(channels);
  const value = {
    auction: auctionId,
    bidder: latestId(events.persons.length, random),
    // Prices in cents, skewed towards small bids as in Nexmark.
    price: Math.round(100 * Math.exp(random.next() * Math.log(1_000_000))),
    channel,
    url: `https://www.nexmark.com/${channel.toLowerCase()}/item.htm?query=1&auction=${auctionId}`,
    dateTime: timestampMs,
    extra: '',
  };
  return { key: String(auctionId), value: JSON.stringify(value), timestampMs };
}

/** Nexmark picks mostly among recent ids ("hot" auctions and bidders); at least one exists by construction. */
function latestId(existing: number, random: SeededRandom): number {
  const window = Math.min(existing, 100);
  return firstId + existing - 1 - random.integer(0, Math.max(window - 1, 0));
}
