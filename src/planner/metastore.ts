// The catalog: streams, tables and custom types. The planner reads it through the narrow
// read-only `MetastoreView`; only the engine mutates it, by applying planned DDL.
import type { SchemaLookup } from './schema-lookup.js';
import { formatType, type SqlType } from './types.js';

export type ColumnNamespace = 'KEY' | 'VALUE' | 'HEADER';

export interface Column {
  readonly name: string;
  readonly type: SqlType;
  readonly namespace: ColumnNamespace;
  /** For a `HEADER('k')` column, the header key; undefined for `HEADERS` (all headers). */
  readonly headerKey?: string;
}

/** Format names as written in WITH clauses; the runtime checks which it can serialise. */
export type FormatName = 'JSON' | 'DELIMITED' | 'KAFKA' | 'NONE' | 'AVRO' | 'PROTOBUF' | 'PROTOBUF_NOSR' | 'JSON_SR';

export interface FormatInfo {
  readonly format: FormatName;
  /** Value formats only: a single value column written as an object (true) or an anonymous value (false). */
  readonly wrapSingleValue?: boolean;
  /** DELIMITED only: the single-character delimiter. */
  readonly delimiter?: string;
  /** Schema Registry formats: KEY_SCHEMA_ID / VALUE_SCHEMA_ID, the registered schema records are written with. */
  readonly schemaId?: number;
  /** Schema Registry formats: the record or message name (KEY_SCHEMA_FULL_NAME, VALUE_SCHEMA_FULL_NAME, VALUE_AVRO_SCHEMA_FULL_NAME). */
  readonly schemaFullName?: string;
  /** PROTOBUF formats: how a nullable scalar is written, KEY_/VALUE_PROTOBUF_NULLABLE_REPRESENTATION; undefined is proto3's implicit default. */
  readonly nullableRepresentation?: 'OPTIONAL' | 'WRAPPER';
  /** Schema Registry formats: where the serde finds the schema a record names by its id. */
  readonly schemas?: SchemaLookup;
}

export type WindowType = 'TUMBLING' | 'HOPPING' | 'SESSION';

export interface WindowInfo {
  readonly type: WindowType;
  /** Tumbling and hopping windows; undefined for sessions. */
  readonly sizeMs?: number;
}

export interface TimestampColumn {
  readonly column: string;
  /** A java.time pattern, for STRING timestamp columns. */
  readonly format?: string;
}

export type SourceType = 'STREAM' | 'TABLE';

export interface DataSource {
  readonly name: string;
  readonly sourceType: SourceType;
  /** Key columns first, then value and header columns, in declared order. */
  readonly columns: readonly Column[];
  readonly topic: string;
  readonly keyFormat: FormatInfo;
  readonly valueFormat: FormatInfo;
  readonly timestamp: TimestampColumn | undefined;
  readonly window: WindowInfo | undefined;
  /** `CREATE SOURCE ...`: read-only. */
  readonly isSource: boolean;
  /** Created by a persistent query (C*AS), rather than declared over an existing topic. */
  readonly isSink: boolean;
  readonly statementText: string;
}

/** What the planner may read from the catalog. */
export interface MetastoreView {
  getSource(name: string): DataSource | undefined;
  listSources(): readonly DataSource[];
  /** Custom types from CREATE TYPE, by name. */
  types(): ReadonlyMap<string, SqlType>;
}

/** The engine's mutable catalog. */
export class Metastore implements MetastoreView {
  private readonly sources = new Map<string, DataSource>();
  private readonly customTypes = new Map<string, SqlType>();

  getSource(name: string): DataSource | undefined {
    return this.sources.get(name);
  }

  listSources(): readonly DataSource[] {
    return [...this.sources.values()];
  }

  putSource(source: DataSource): void {
    this.sources.set(source.name, source);
  }

  deleteSource(name: string): boolean {
    return this.sources.delete(name);
  }

  types(): ReadonlyMap<string, SqlType> {
    return this.customTypes;
  }

  putType(name: string, type: SqlType): void {
    this.customTypes.set(name, type);
  }

  deleteType(name: string): boolean {
    return this.customTypes.delete(name);
  }
}

export function keyColumns(source: Pick<DataSource, 'columns'>): Column[] {
  return source.columns.filter((column) => column.namespace === 'KEY');
}

export function valueColumns(source: Pick<DataSource, 'columns'>): Column[] {
  return source.columns.filter((column) => column.namespace === 'VALUE');
}

/** ksqlDB's logical schema text: "`ID` BIGINT KEY, `NAME` STRING". */
export function formatSchema(columns: readonly Column[]): string {
  return columns
    .map((column) => {
      const suffix =
        column.namespace === 'KEY'
          ? ' KEY'
          : column.namespace === 'HEADER'
            ? column.headerKey === undefined
              ? ' HEADERS'
              : ` HEADER('${column.headerKey}')`
            : '';
      return `\`${column.name}\` ${formatType(column.type)}${suffix}`;
    })
    .join(', ');
}
