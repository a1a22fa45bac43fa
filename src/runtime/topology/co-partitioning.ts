// How many partitions a query's internal topics get: one task of each stateful sub-topology per
// partition, so they follow the inputs the tasks read. A join's tasks read both sides' partition p:
// two sides read as they are must have as many partitions, and a side that is repartitioned takes
// the count of the side it meets. Where ksqlDB refuses sides of different counts, Squall moves the
// right side into the left's partitions (a windowed side cannot move: that join is refused). A
// foreign-key join's sides need not match.
import { PlanError, type JoinSideStep, type JoinStep, type QueryPlan } from '../../planner/index.js';
import type { Log } from '../log/index.js';
import type { Topology } from './topology.js';

/** The plan with each join's right side repartitioned where both sides are read as they are and their partition counts differ. */
export async function coPartitionedPlan(plan: QueryPlan, log: Log): Promise<QueryPlan> {
  if (plan.join === undefined) return plan;
  const join = await coPartitionedJoin(plan.join, async (topic) => (await log.describeTopic(topic))?.partitions ?? 1);
  return join === plan.join ? plan : { ...plan, join };
}

async function coPartitionedJoin(step: JoinStep, partitionsOf: (topic: string) => Promise<number>): Promise<JoinStep> {
  const input = step.left.input;
  const inner = input.kind === 'Join' ? await coPartitionedJoin(input, partitionsOf) : input;
  const left = inner === input ? step.left : { ...step.left, input: inner };
  const right = step.right;
  const rightInput = right.input;
  const movable = !step.foreignKey && !left.repartition && !right.repartition && rightInput.kind === 'Source' && rightInput.window === undefined;
  if (movable) {
    const leftPartitions = left.input.kind === 'Join' ? await joinPartitions(left.input, partitionsOf) : await partitionsOf(left.input.topic);
    if (leftPartitions !== (await partitionsOf(rightInput.topic))) return { ...step, left, right: { ...right, repartition: true } };
  }
  return left === step.left ? step : { ...step, left };
}

export async function internalTopicPartitions(plan: QueryPlan, log: Log): Promise<number> {
  const partitionsOf = async (topic: string) => (await log.describeTopic(topic))?.partitions ?? 1;
  if (plan.join === undefined) return partitionsOf(plan.source.topic);
  return joinPartitions(plan.join, partitionsOf);
}

/** The partitions of the join's tasks; undefined sides (both repartitioned) fall back to the left's inputs. */
async function joinPartitions(step: JoinStep, partitionsOf: (topic: string) => Promise<number>): Promise<number> {
  const direct = async (side: JoinSideStep): Promise<{ name: string; partitions: number } | undefined> => {
    // An earlier join is checked whether or not its results move.
    const earlier = side.input.kind === 'Join' ? await joinPartitions(side.input, partitionsOf) : undefined;
    if (side.repartition) return undefined;
    if (side.input.kind === 'Join') return { name: leftmostName(side.input), partitions: earlier! };
    return { name: side.input.sourceName, partitions: await partitionsOf(side.input.topic) };
  };
  const left = await direct(step.left);
  const right = await direct(step.right);
  // A foreign-key join's left table reaches the right table's partitions through its subscription topic.
  if (!step.foreignKey && left !== undefined && right !== undefined && left.partitions !== right.partitions) {
    throw new PlanError(
      `Can't join \`${left.name}\` with \`${right.name}\` since the number of partitions don't match. \`${left.name}\` partitions = ${left.partitions}; \`${right.name}\` partitions = ${right.partitions}. Please repartition either one so that the number of partitions match.`,
    );
  }
  if (right !== undefined) return right.partitions;
  if (left !== undefined) return left.partitions;
  const input = step.left.input;
  return input.kind === 'Join' ? joinPartitions(input, partitionsOf) : partitionsOf(input.topic);
}

/**
 * Each internal topic's partitions: as many as the tasks of the sub-topology that owns it (a
 * changelog) or reads it (a repartition topic), which are the partitions of the topics that
 * sub-topology reads as they are, or `partitions` where it reads only internal topics (a
 * foreign-key join's left table has its own count, and its right table another).
 */
export async function internalTopicCounts(topology: Topology, partitions: number, log: Log): Promise<ReadonlyMap<string, number>> {
  const internal = new Set(topology.internalTopics.map((topic) => topic.name));
  const counts = new Map<string, number>();
  for (const sub of topology.subTopologies) {
    const external = sub.sources.find((source) => !internal.has(source.topic));
    const count = external === undefined ? partitions : ((await log.describeTopic(external.topic))?.partitions ?? partitions);
    for (const source of sub.sources) if (internal.has(source.topic)) counts.set(source.topic, count);
    for (const store of sub.stores) counts.set(store.changelogTopic, count);
  }
  return counts;
}

function leftmostName(step: JoinStep): string {
  const input = step.left.input;
  return input.kind === 'Join' ? leftmostName(input) : input.sourceName;
}
