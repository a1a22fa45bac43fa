// Turns the entities of a /ksql answer into what the shell prints, one renderer per entity type,
// in the layout of ksqlDB's CLI: listings as tables, descriptions as name/value pairs.
import type { KsqlEntity } from './ksql-client.js';
import { cellText, renderPairs, renderTable } from './render-table.js';

type Renderer = (entity: KsqlEntity) => string;

const renderers: Readonly<Record<string, Renderer>> = {
  currentStatus: (entity) => renderTable(['Message'], [[field(field(entity, 'commandStatus'), 'message')]]),
  streams: (entity) => renderSourceList('Stream Name', list(entity, 'streams')),
  tables: (entity) => renderSourceList('Table Name', list(entity, 'tables')),
  queries: (entity) =>
    renderTable(
      ['Query ID', 'Query Type', 'Status', 'Sink Name', 'Sink Kafka Topic', 'Query String'],
      list(entity, 'queries').map((query) => [
        field(query, 'id'),
        field(query, 'queryType'),
        field(query, 'state'),
        joined(field(query, 'sinks')),
        joined(field(query, 'sinkKafkaTopics')),
        field(query, 'queryString'),
      ]),
    ),
  kafka_topics: (entity) =>
    renderTable(
      ['Kafka Topic', 'Partitions', 'Partition Replicas'],
      list(entity, 'topics').map((topic) => {
        const replicas = field(topic, 'replicaInfo');
        return [field(topic, 'name'), Array.isArray(replicas) ? replicas.length : '', joined(replicas)];
      }),
    ),
  properties: (entity) =>
    renderTable(
      ['Property', 'Scope', 'Value'],
      list(entity, 'properties').map((property) => [field(property, 'name'), field(property, 'scope'), field(property, 'value')]),
    ),
  function_names: (entity) =>
    renderTable(['Function Name', 'Category'], list(entity, 'functions').map((definition) => [field(definition, 'name'), field(definition, 'category')])),
  type_list: (entity) => {
    const types = field(entity, 'types');
    return renderTable(['Type Name', 'Schema'], typeof types === 'object' && types !== null ? Object.entries(types).map(([name, schema]) => [name, schema]) : []);
  },
  variables: (entity) => renderTable(['Variable Name', 'Value'], list(entity, 'variables').map((variable) => [field(variable, 'name'), field(variable, 'value')])),
  sourceDescription: (entity) => renderSourceDescription(field(entity, 'sourceDescription')),
  source_descriptions: (entity) => list(entity, 'sourceDescriptions').map(renderSourceDescription).join('\n\n'),
  queryDescription: (entity) => renderQueryDescription(field(entity, 'queryDescription')),
  describe_function: (entity) =>
    [
      renderPairs([
        ['Name', field(entity, 'name')],
        ['Type', field(entity, 'type')],
        ['Description', field(entity, 'description')],
      ]),
      renderTable(
        ['Arguments', 'Returns', 'Description'],
        list(entity, 'functions').map((signature) => [
          list(signature, 'arguments').map((argument) => `${cellText(field(argument, 'name'))} ${cellText(field(argument, 'type'))}`.trim()).join(', '),
          field(signature, 'returnType'),
          field(signature, 'description'),
        ]),
      ),
    ].join('\n'),
};

/** The text for one entity, then its warnings; an entity type the shell does not know prints as JSON. */
export function renderEntity(entity: KsqlEntity): string {
  const renderer = renderers[entity['@type']];
  const body = renderer === undefined ? JSON.stringify(entity, null, 2) : renderer(entity);
  const warnings = list(entity, 'warnings').map((warning) => `WARNING: ${cellText(field(warning, 'message'))}`);
  return [body, ...warnings].join('\n');
}

function renderSourceList(nameHeading: string, sources: readonly unknown[]): string {
  return renderTable(
    [nameHeading, 'Kafka Topic', 'Key Format', 'Value Format', 'Windowed'],
    sources.map((source) => [field(source, 'name'), field(source, 'topic'), field(source, 'keyFormat'), field(source, 'valueFormat'), field(source, 'isWindowed')]),
  );
}

function renderSourceDescription(description: unknown): string {
  const pairs: [string, unknown][] = [
    ['Name', field(description, 'name')],
    ['Type', field(description, 'type')],
    ['Kafka topic', field(description, 'topic')],
    ['Key format', field(description, 'keyFormat')],
    ['Value format', field(description, 'valueFormat')],
  ];
  if (field(description, 'windowType') !== null) pairs.push(['Window', field(description, 'windowType')]);
  const extended = field(description, 'extended') === true;
  if (extended) {
    pairs.push(['Partitions', field(description, 'partitions')], ['Replication', field(description, 'replication')], ['Statement', field(description, 'statement')]);
  }
  const sections = [
    renderPairs(pairs),
    renderTable(
      ['Field', 'Type'],
      list(description, 'fields').map((column) => {
        const schemaType = field(field(column, 'schema'), 'type');
        return [field(column, 'name'), field(column, 'type') === 'KEY' ? `${cellText(schemaType)} (key)` : schemaType];
      }),
    ),
  ];
  if (extended) {
    for (const [heading, key] of [
      ['Queries that read from this source', 'readQueries'],
      ['Queries that write to this source', 'writeQueries'],
    ] as const) {
      const queries = list(description, key);
      if (queries.length > 0) sections.push(`${heading}:\n${renderTable(['Query ID', 'Status', 'Query String'], queries.map((query) => [field(query, 'id'), field(query, 'state'), field(query, 'queryString')]))}`);
    }
    sections.push(...runtimeStatistics(description));
  }
  return sections.join('\n');
}

function renderQueryDescription(description: unknown): string {
  const sections = [
    renderPairs([
      ['ID', field(description, 'id')],
      ['Query type', field(description, 'queryType')],
      ['Status', field(description, 'state')],
      ['SQL', field(description, 'statementText')],
      ['Sources', joined(field(description, 'sources'))],
      ['Sinks', joined(field(description, 'sinks'))],
      ['Consumer group', field(description, 'consumerGroupId')],
    ]),
  ];
  const tasks = list(description, 'tasksMetadata');
  if (tasks.length > 0) {
    const partitions = (task: unknown) => list(task, 'topicPartitions');
    const rows = tasks.map((task) => [
      field(task, 'taskId'),
      partitions(task).map((partition) => `${cellText(field(partition, 'topic'))}[${cellText(field(partition, 'partition'))}]`).join(', '),
      partitions(task).map((partition) => field(partition, 'consumerLag') ?? 'unknown').map(cellText).join(', '),
      field(task, 'streamTimeMs'),
    ]);
    sections.push(`Tasks:\n${renderTable(['Task', 'Partitions', 'Consumer lag', 'Stream time (ms)'], rows)}`);
  }
  sections.push(...runtimeStatistics(description));
  const errors = list(description, 'queryErrors');
  if (errors.length > 0) sections.push(`Errors:\n${errors.map((error) => cellText(field(error, 'errorMessage') ?? error)).join('\n')}`);
  for (const [heading, key] of [
    ['Execution plan', 'executionPlan'],
    ['Processing topology', 'topology'],
  ] as const) {
    const text = field(description, key);
    if (typeof text === 'string' && text !== '') sections.push(`${heading}:\n${text}`);
  }
  return sections.join('\n\n');
}

/** The one-line statistics and error counts of DESCRIBE … EXTENDED and EXPLAIN <query id>, where there are any. */
function runtimeStatistics(description: unknown): string[] {
  return (
    [
      ['Runtime statistics', 'statistics'],
      ['Processing errors', 'errorStats'],
    ] as const
  ).flatMap(([heading, key]) => {
    const text = field(description, key);
    return typeof text === 'string' && text !== '' ? [`${heading}: ${text}`] : [];
  });
}

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;
}

function list(value: unknown, name: string): readonly unknown[] {
  const items = field(value, name);
  return Array.isArray(items) ? items : [];
}

function joined(value: unknown): string {
  return Array.isArray(value) ? value.map(cellText).join(', ') : cellText(value);
}
