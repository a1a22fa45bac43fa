// raw-passthrough: the ceiling, the filter-project work done by hand on the client, with no engine.
import { startRawLoop } from '../raw-loop.js';
import type { Shape } from '../shape.js';
import { nexmarkBids } from './bids.js';
import { countKeptBids, dollarToEuro, minimumPriceCents } from './filter-project.js';

/** filter-project's WHERE and SELECT, written directly: the same records out, the same fields. */
function filterAndProject(bid: unknown): unknown {
  if (typeof bid !== 'object' || bid === null) return undefined;
  const price = Number(Reflect.get(bid, 'price'));
  if (!(price >= minimumPriceCents)) return undefined;
  return {
    AUCTION: Reflect.get(bid, 'auction'),
    BIDDER: Reflect.get(bid, 'bidder'),
    PRICE_EUR: price * dollarToEuro,
    DATETIME: Reflect.get(bid, 'dateTime'),
  };
}

export const rawPassthrough: Shape = {
  name: 'raw-passthrough',
  summary: 'The ceiling: filter-project by hand on the librdkafka-style client (consume → parse → filter → stringify → produce)',
  input: nexmarkBids,
  expectedOutputs: (records) => ({ updates: countKeptBids(records), tombstones: 0 }),
  start: (context) =>
    startRawLoop({
      bootstrapServers: context.bootstrapServers,
      groupId: context.runId,
      inputTopic: context.inputTopic,
      outputTopic: context.outputTopic,
      exactlyOnce: context.guarantee === 'exactly_once_v2',
      transform: filterAndProject,
    }),
};
