// Lowers a planned query into the runtime's Topology: one sub-topology from the source topic
// through the query's steps to its terminal processor (the sink topic, or a transient query's
// client).
import type { QueryPlan, Step } from '../../planner/index.js';
import { filterProcessor } from '../processors/filter.js';
import { projectProcessor } from '../processors/project.js';
import { createRecordReader } from '../processors/source.js';
import { rowListenerProcessor, type RowListener } from '../processors/row-listener.js';
import { sinkProcessor } from '../processors/sink.js';
import { tableFunctionsProcessor } from '../processors/table-functions.js';
import type { ProcessorDefinition } from './processor.js';
import type { Topology, TopologyNode } from './topology.js';

/** Kafka Streams' generated processor names: `<KIND>-<10-digit index>`. */
function generatedName(kind: string, index: number): string {
  return `${kind}-${String(index).padStart(10, '0')}`;
}

function buildTopology(plan: QueryPlan, terminal: (name: string) => ProcessorDefinition): Topology {
  const isTable = plan.source.sourceType === 'TABLE';
  const definitions = plan.steps.map((step, index) => stepProcessor(step, index + 1, isTable));
  definitions.push(terminal(generatedName('KSTREAM-SINK', definitions.length + 1)));
  const nodes: TopologyNode[] = definitions.map((definition, index) => ({
    definition,
    children: index + 1 < definitions.length ? [definitions[index + 1]!.name] : [],
  }));
  return {
    queryId: plan.queryId,
    subTopologies: [
      {
        id: 0,
        sources: [
          {
            name: generatedName('KSTREAM-SOURCE', 0),
            topic: plan.source.topic,
            read: createRecordReader(plan.source),
            failOnInvalidTimestamp: plan.source.failOnInvalidTimestamp,
            children: [nodes[0]!.definition.name],
          },
        ],
        nodes,
        stores: [],
      },
    ],
    internalTopics: [],
  };
}

function stepProcessor(step: Step, index: number, isTable: boolean): ProcessorDefinition {
  switch (step.kind) {
    case 'Filter':
      return filterProcessor(generatedName('KSTREAM-FILTER', index), step, isTable);
    case 'Project':
      return projectProcessor(step.label === 'PartitionBy' ? generatedName('KSTREAM-KEY-SELECT', index) : generatedName('KSTREAM-MAPVALUES', index), step);
    case 'TableFunctions':
      return tableFunctionsProcessor(generatedName('KSTREAM-FLATMAP', index), step);
  }
}

/** A persistent query's topology: the steps end in the sink topic. */
export function buildPersistentTopology(plan: QueryPlan): Topology {
  return buildTopology(plan, (name) => sinkProcessor(name, plan.sink));
}

/** A transient query's topology: the steps end in the client's row listener. */
export function buildTransientTopology(plan: QueryPlan, onRow: RowListener): Topology {
  return buildTopology(plan, (name) => rowListenerProcessor(name, onRow));
}
