// INSERT INTO ... VALUES and /inserts-stream rows: values coerced to the target's column types,
// serialised with its formats and produced to its topic.
import type { InsertValues } from '../parser/index.js';
import {
  PlanError,
  RowSchema,
  sourceNameHint,
  compileConstant,
  type Column,
  type DataSource,
  type SqlType,
} from '../planner/index.js';
import { createRowSerde, type LogProducer } from '../runtime/index.js';
import type { EngineState } from './engine-state.js';

export function resolveInsertTarget(name: string, state: EngineState, span: InsertValues['span'] | undefined): DataSource {
  const source = state.metastore.getSource(name);
  if (source === undefined) {
    const hint = sourceNameHint(name, state.metastore);
    throw new PlanError(`Cannot insert values into an unknown stream/table: \`${name}\`${hint}`, span, 'NOT_FOUND');
  }
  if (source.isSource) {
    throw new PlanError(`Cannot insert values into read-only ${source.sourceType.toLowerCase()}: ${source.name}`, span);
  }
  return source;
}

/** A row of column values by name (ROWTIME optional) → a record on the target's topic. */
export class RowWriter {
  private readonly keyColumns: Column[];
  private readonly valueColumns: Column[];
  private readonly keySerde;
  private readonly valueSerde;

  constructor(readonly target: DataSource) {
    this.keyColumns = target.columns.filter((column) => column.namespace === 'KEY');
    this.valueColumns = target.columns.filter((column) => column.namespace === 'VALUE');
    this.keySerde = createRowSerde(target.keyFormat.format, 'key', this.keyColumns, target.keyFormat);
    this.valueSerde = createRowSerde(target.valueFormat.format, 'value', this.valueColumns, target.valueFormat);
  }

  /** All key and value columns in schema order: the implicit column list of INSERT VALUES. */
  columnNames(): string[] {
    return [...this.keyColumns, ...this.valueColumns].map((column) => column.name);
  }

  columnType(name: string): SqlType | undefined {
    if (name === 'ROWTIME') return { kind: 'BIGINT' };
    return this.target.columns.find((column) => column.name === name && column.namespace !== 'HEADER')?.type;
  }

  write(producer: LogProducer, values: ReadonlyMap<string, unknown>): void {
    const key = this.keyColumns.length === 0 ? null : this.keySerde.serialize(this.keyColumns.map((column) => values.get(column.name) ?? null));
    const value = this.valueSerde.serialize(this.valueColumns.map((column) => values.get(column.name) ?? null));
    const rowtime = values.get('ROWTIME');
    const timestamp = rowtime === undefined || rowtime === null ? Date.now() : Number(rowtime);
    producer.send([{ topic: this.target.topic, key, value, timestamp }]);
  }
}

/** Writes the row and returns the topic it went to once the broker has it. */
export async function executeInsertValues(statement: InsertValues, state: EngineState, producer: LogProducer): Promise<string> {
  const target = resolveInsertTarget(statement.target, state, statement.targetSpan);
  const writer = new RowWriter(target);
  const columns = statement.columns.length > 0 ? statement.columns : writer.columnNames();
  if (columns.length !== statement.values.length) {
    throw new PlanError(
      `Failed to prepare statement: Expected a value for each column. Expected Columns: [${columns.join(', ')}]. Got ${statement.values.length} values.`,
      statement.span,
    );
  }
  const context = { scope: new RowSchema([]), registry: state.registry, customTypes: state.metastore.types() };
  const values = new Map<string, unknown>();
  columns.forEach((name, index) => {
    const expression = statement.values[index]!;
    const type = writer.columnType(name);
    if (type === undefined) {
      throw new PlanError(`Column name ${name} does not exist.`, expression.span);
    }
    values.set(name, compileConstant(expression, type, context));
  });
  writer.write(producer, values);
  await producer.flush();
  return target.topic;
}
