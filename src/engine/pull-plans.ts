// Plans of pull queries by key, kept per statement shape: a dashboard asks the same query for one
// key after another, and planning it again for each key costs more than answering it.
import type { QueryPlan } from '../planner/index.js';

/** Shapes kept; the least recently used one goes first. */
const CAPACITY = 1000;

/**
 * A plan is kept by the statement text without its WHERE clause (and the request's properties), so
 * it must be a plan without one: the caller reads exactly the rows the WHERE clause keeps.
 */
export class PullPlanCache {
  private readonly plans = new Map<string, QueryPlan>();

  /** The plan of this shape, planned by `plan` when it is not kept yet. */
  get(shape: string, plan: () => QueryPlan): QueryPlan {
    const kept = this.plans.get(shape);
    if (kept !== undefined) {
      // Re-inserted so that the Map's order is the order of last use.
      this.plans.delete(shape);
      this.plans.set(shape, kept);
      return kept;
    }
    const planned = plan();
    this.plans.set(shape, planned);
    if (this.plans.size > CAPACITY) this.plans.delete(this.plans.keys().next().value!);
    return planned;
  }

  /** Forgets every plan: the catalog changed. */
  clear(): void {
    this.plans.clear();
  }
}
