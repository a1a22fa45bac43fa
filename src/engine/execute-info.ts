// Read-only statements: SHOW/LIST, DESCRIBE, DESCRIBE FUNCTION, EXPLAIN.
import type { Describe, DescribeFunction, Explain, Show } from '../parser/index.js';
import { PlanError, explainPlan, formatPattern, planQuery, type FunctionDefinition, type QueryPlan } from '../planner/index.js';
import { buildPersistentTopology, buildTransientTopology, coPartitionedPlan, describeTopology, type Topology } from '../runtime/index.js';
import type { KsqlEntity } from './api.js';
import type { EngineState, StatementContext } from './engine-state.js';
import { runningQueryInfo, schemaInfo, sourceDescription, sourceSummary } from './entities.js';
import { describeQueryRuntime, describeSourceRuntime } from './query-status.js';
import { propertyTexts } from './statement-properties.js';

export async function executeShow(statement: Show, context: StatementContext, state: EngineState): Promise<KsqlEntity> {
  const base = { statementText: context.statementText, warnings: [] };
  const sources = state.metastore.listSources();
  switch (statement.what) {
    case 'STREAMS':
    case 'TABLES': {
      const type = statement.what === 'STREAMS' ? 'STREAM' : 'TABLE';
      const selected = sources.filter((source) => source.sourceType === type);
      if (statement.extended) {
        return { '@type': 'source_descriptions', ...base, sourceDescriptions: await describeAll(selected, state) };
      }
      return { '@type': statement.what.toLowerCase(), ...base, [statement.what.toLowerCase()]: selected.map(sourceSummary) };
    }
    case 'QUERIES':
      return { '@type': 'queries', ...base, queries: [...state.queries.values()].map(runningQueryInfo) };
    case 'TOPICS': {
      const topics = (await state.log.listTopics()).filter((topic) => statement.all || !topic.name.startsWith('_'));
      return {
        '@type': 'kafka_topics',
        ...base,
        topics: topics.map((topic) => ({ name: topic.name, replicaInfo: Array.from({ length: topic.partitions }, () => 1) })),
      };
    }
    case 'PROPERTIES': {
      const merged = { ...state.config.properties, ...propertyTexts(context.properties) };
      return {
        '@type': 'properties',
        ...base,
        properties: Object.entries(merged).map(([name, value]) => ({ name, scope: 'KSQL', value, editable: true, level: 'SERVER' })),
        overwrittenProperties: Object.keys(context.properties),
        defaultProperties: [],
      };
    }
    case 'FUNCTIONS':
      return {
        '@type': 'function_names',
        ...base,
        functions: state.registry
          .list()
          .map((definition) => ({ name: definition.name, type: definition.type, category: definition.category }))
          .sort((left, right) => left.name.localeCompare(right.name)),
      };
    case 'TYPES':
      return {
        '@type': 'type_list',
        ...base,
        types: Object.fromEntries([...state.metastore.types()].map(([name, type]) => [name, schemaInfo(type)])),
      };
    case 'VARIABLES':
      return { '@type': 'variables', ...base, variables: [...context.variables].map(([name, value]) => ({ name, value })) };
    case 'CONNECTORS':
      throw new PlanError('Connectors are not supported by Squall.', statement.span, 'NOT_SUPPORTED');
  }
}

async function describeAll(sources: ReturnType<EngineState['metastore']['listSources']>, state: EngineState) {
  const queries = [...state.queries.values()];
  return Promise.all(
    sources.map(async (source) =>
      sourceDescription(source, true, queries, (await state.log.describeTopic(source.topic))?.partitions ?? 0, await describeSourceRuntime(source, queries)),
    ),
  );
}

export async function executeDescribe(statement: Describe, context: StatementContext, state: EngineState): Promise<KsqlEntity> {
  const base = { statementText: context.statementText, warnings: [] };
  if (statement.name === undefined) {
    const type = statement.what === 'TABLES' ? 'TABLE' : 'STREAM';
    const selected = state.metastore.listSources().filter((source) => source.sourceType === type);
    return { '@type': 'source_descriptions', ...base, sourceDescriptions: await describeAll(selected, state) };
  }
  const source = state.metastore.getSource(statement.name);
  if (source === undefined) {
    throw new PlanError(`Could not find STREAM/TABLE '${statement.name}' in the Metastore`, statement.span, 'NOT_FOUND');
  }
  const queries = [...state.queries.values()];
  if (!statement.extended) return { '@type': 'sourceDescription', ...base, sourceDescription: sourceDescription(source, false, queries, 0) };
  const partitions = (await state.log.describeTopic(source.topic))?.partitions ?? 0;
  return {
    '@type': 'sourceDescription',
    ...base,
    sourceDescription: sourceDescription(source, true, queries, partitions, await describeSourceRuntime(source, queries)),
  };
}

export function executeDescribeFunction(statement: DescribeFunction, context: StatementContext, state: EngineState): KsqlEntity {
  const definition = state.registry.get(statement.name);
  if (definition === undefined) {
    throw new PlanError(`Can't find any functions with the name '${statement.name}'`, statement.span, 'NOT_FOUND');
  }
  return {
    '@type': 'describe_function',
    statementText: context.statementText,
    warnings: [],
    name: definition.name,
    description: definition.description,
    // Built-ins are Squall's own; a user-defined function shows its module and what it declares.
    author: definition.origin === undefined ? 'Squall' : (definition.origin.author ?? ''),
    version: definition.origin?.version ?? '',
    path: definition.origin?.path ?? 'internal',
    functions: signatures(definition),
    type: definition.type,
  };
}

function signatures(definition: FunctionDefinition): Record<string, unknown>[] {
  return definition.overloads.map((overload) => ({
    arguments: overload.params.map((param, index) => ({
      name: overload.paramNames?.[index] ?? `arg${index + 1}`,
      type: formatPattern(param),
      description: '',
      isVariadic: 'variadic' in overload && overload.variadic === true && index === overload.params.length - 1,
    })),
    returnType: typeof overload.returns === 'function' ? 'computed from the arguments' : formatPattern(overload.returns),
    description: overload.description ?? definition.description,
    argumentTypes: overload.params.map(formatPattern),
  }));
}

export async function executeExplain(statement: Explain, context: StatementContext, state: EngineState): Promise<KsqlEntity> {
  const description = (id: string, statementText: string, plan: QueryPlan, topology: Topology) => ({
    id,
    statementText,
    windowType: null,
    fields: [],
    sources: [plan.source.sourceName],
    sinks: [plan.sink.sinkName],
    // As ksqlDB's: the Kafka Streams-style processing topology, and the plan the planner made.
    topology: describeTopology(topology),
    executionPlan: explainPlan(plan),
    overriddenProperties: {},
    ksqlHostQueryStatus: {},
    queryType: 'PERSISTENT',
    queryErrors: [],
    tasksMetadata: [],
    consumerGroupId: `_squall_${state.config.serviceId}_query_${id}`,
    state: 'UNKNOWN',
    sinkKafkaTopics: [plan.sink.topic],
  });
  if (statement.queryId !== undefined) {
    const query = state.queries.get(statement.queryId.toUpperCase());
    if (query === undefined) throw new PlanError(`Query with id:${statement.queryId} does not exist`, statement.span, 'NOT_FOUND');
    return {
      '@type': 'queryDescription',
      statementText: context.statementText,
      warnings: [],
      queryDescription: {
        ...description(query.id, query.statementText, query.plan, query.runtime.topology),
        // The tasks this server runs for the query (its share of the partitions), their lag, and what it processed.
        ...(await describeQueryRuntime(query, state.instanceId)),
      },
    };
  }
  const inner = statement.statement;
  if (inner === undefined || (inner.kind !== 'CreateAsSelect' && inner.kind !== 'InsertInto' && inner.kind !== 'Select')) {
    throw new PlanError('EXPLAIN takes a query id, a SELECT, a CREATE ... AS SELECT or an INSERT INTO ... SELECT.', statement.span, 'NOT_SUPPORTED');
  }
  const plannerContext = { metastore: state.metastore, registry: state.registry, config: context.plannerConfig() };
  const planned =
    inner.kind === 'CreateAsSelect'
      ? planQuery(inner.query, { kind: 'CreateAsSelect', name: inner.name, sourceType: inner.sourceType, properties: inner.properties, statementText: '' }, 'EXPLAIN', plannerContext)
      : inner.kind === 'InsertInto'
        ? planQuery(inner.query, { kind: 'InsertInto', sink: state.metastore.getSource(inner.target) ?? raiseUnknown(inner.target, statement), properties: inner.properties }, 'EXPLAIN', plannerContext)
        : planQuery(inner.query, { kind: 'Transient' }, 'EXPLAIN', plannerContext);
  // The plan the query would run: a joined side of another partition count moves into the other's.
  const plan = await coPartitionedPlan(planned, state.log);
  return {
    '@type': 'queryDescription',
    statementText: context.statementText,
    warnings: [],
    queryDescription: description('', context.statementText, plan, inner.kind === 'Select' ? buildTransientTopology(plan, () => undefined, state.config.serviceId) : buildPersistentTopology(plan, state.config.serviceId)),
  };
}

function raiseUnknown(name: string, statement: Explain): never {
  throw new PlanError(`Source \`${name}\` does not exist.`, statement.span, 'NOT_FOUND');
}
