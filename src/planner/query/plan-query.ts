// Plans a stateless SELECT into the physical QueryPlan: build the logical plan from the AST, run
// the logical passes, then lower it. The plan keeps its logical text for EXPLAIN <query id>.
import type { Query } from '../../parser/index.js';
import { explainLogicalPlan } from '../logical/explain-logical.js';
import { lowerPlan } from '../logical/lower.js';
import { runPasses } from '../logical/passes.js';
import type { QueryPlan } from '../physical-plan.js';
import { buildLogicalPlan, type QueryPlanningContext } from './build-logical-plan.js';
import type { SinkTarget } from './plan-sink.js';

export function planQuery(query: Query, target: SinkTarget, queryId: string, context: QueryPlanningContext): QueryPlan {
  const logical = runPasses(buildLogicalPlan(query, target, context));
  const lowered = lowerPlan(logical, queryId, { registry: context.registry, customTypes: context.metastore.types(), config: context.config });
  return { ...lowered, logicalPlan: explainLogicalPlan(logical) };
}
