// Shared fixtures for logical node tests: a catalog from DDL, and the AST of a query's clauses.
import { parseStatement, type CreateAsSelect, type CreateSource, type Query } from '../../../src/parser/index.js';
import { Metastore, createBuiltinRegistry, layeredConfig, planCreateSource } from '../../../src/planner/index.js';
import type { TypingContext } from '../../../src/planner/logical/logical-node.js';
import { sourceNode, type SourceNode } from '../../../src/planner/logical/source.js';

export const INPUT = "CREATE STREAM INPUT (ID INT KEY, NAME STRING, AGE INT, XS ARRAY<INT>) WITH (KAFKA_TOPIC='input', VALUE_FORMAT='JSON');";
export const TABLE = "CREATE TABLE T (ID INT PRIMARY KEY, NAME STRING) WITH (KAFKA_TOPIC='t', VALUE_FORMAT='JSON');";

export const typing: TypingContext = { registry: createBuiltinRegistry(), customTypes: new Map() };
export const config = layeredConfig({});

export function catalog(...ddl: string[]): Metastore {
  const metastore = new Metastore();
  for (const text of ddl) {
    const statement = parseStatement(text).statement as CreateSource;
    metastore.putSource(planCreateSource(statement, text, metastore, config).source);
  }
  return metastore;
}

/** The query of `CREATE STREAM OUTPUT AS <select>`. */
export function queryOf(select: string): Query {
  return (parseStatement(`CREATE STREAM OUTPUT AS ${select};`).statement as CreateAsSelect).query;
}

/** The source node of a query's FROM, read from a catalog built from `ddl`. */
export function fromNode(query: Query, ...ddl: string[]): SourceNode {
  const source = catalog(...ddl).getSource(query.from.from.name)!;
  return sourceNode(source, query.from.from.alias ?? source.name, query.span);
}
