// EXPLAIN's text: the logical plan as an indented operator tree, then the physical plan as the
// processor chain a task runs, with topics and formats.
import type { FormatInfo } from './metastore.js';
import type { QueryPlan, Step } from './physical-plan.js';

export function explainPlan(plan: QueryPlan): string {
  const logical = plan.logicalPlan === undefined ? [] : ['Logical plan:', ...plan.logicalPlan.split('\n').map((line) => `  ${line}`), ''];
  const physical = [
    `source: topic ${plan.source.topic} | key ${formatName(plan.source.keyFormat)} | value ${formatName(plan.source.valueFormat)}${plan.source.timestampColumnIndex === undefined ? '' : ' | event time from a TIMESTAMP column'}`,
    ...plan.steps.map((step) => `${stepName(step).toLowerCase()}: ${step.kind === 'Project' ? `${step.expressions.length} compiled expressions, ${step.keyCount} key` : step.kind === 'Filter' ? 'compiled predicate' : `${step.functions.length} table functions`}`),
    `sink: topic ${plan.sink.topic} | key ${formatName(plan.sink.keyFormat)} | value ${formatName(plan.sink.valueFormat)}${plan.sink.partitions === undefined ? '' : ` | ${plan.sink.partitions} partitions`}`,
  ].map((line) => `  ${line}`);
  return [...logical, `Physical plan (${plan.queryId}):`, ...physical].join('\n');
}

function stepName(step: Step): string {
  return step.kind === 'Project' ? step.label : step.kind;
}

function formatName(format: FormatInfo): string {
  return format.delimiter === undefined || format.delimiter === ',' ? format.format : `${format.format}(delimiter '${format.delimiter}')`;
}
