// The logical rewrite passes, run in this order between building a plan and lowering it. Each is
// a pure plan → plan function; a plan is rooted at its sink before and after every pass.
import { assignNodeIds } from './assign-node-ids.js';
import type { SinkNode } from './sink.js';

export interface LogicalPass {
  readonly name: string;
  apply(plan: SinkNode): SinkNode;
}

/** assignNodeIds names the plan's final shape, so it stays last. */
export const LOGICAL_PASSES: readonly LogicalPass[] = [assignNodeIds];

export function runPasses(plan: SinkNode): SinkNode {
  return LOGICAL_PASSES.reduce((current, pass) => pass.apply(current), plan);
}
