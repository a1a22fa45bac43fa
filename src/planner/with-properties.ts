// WITH (...) clause properties: known names, typed values, and ksqlDB's validation messages.
import type { Properties, PropertyValue, Span } from '../parser/index.js';
import { PlanError } from './plan-error.js';

/** Every property CREATE, C*AS and INSERT INTO accept (ksqlDB's CommonCreateConfigs + CreateConfigs). */
const KNOWN_PROPERTIES = new Set([
  'KAFKA_TOPIC',
  'PARTITIONS',
  'REPLICAS',
  'RETENTION_MS',
  'CLEANUP_POLICY',
  'VALUE_FORMAT',
  'KEY_FORMAT',
  'FORMAT',
  'TIMESTAMP',
  'TIMESTAMP_FORMAT',
  'WRAP_SINGLE_VALUE',
  'VALUE_DELIMITER',
  'KEY_DELIMITER',
  'KEY_SCHEMA_ID',
  'VALUE_SCHEMA_ID',
  'KEY_SCHEMA_FULL_NAME',
  'VALUE_SCHEMA_FULL_NAME',
  'VALUE_AVRO_SCHEMA_FULL_NAME',
  'KEY_PROTOBUF_NULLABLE_REPRESENTATION',
  'VALUE_PROTOBUF_NULLABLE_REPRESENTATION',
  'WINDOW_TYPE',
  'WINDOW_SIZE',
  'SOURCE_CONNECTOR',
  'SOURCED_BY_CONNECTOR',
  'QUERY_ID',
]);

/** Typed access to a WITH clause; every lookup by upper-case name. */
export class WithProperties {
  private readonly values = new Map<string, { value: PropertyValue; span: Span }>();
  readonly span: Span | undefined;

  constructor(properties: Properties | undefined) {
    this.span = properties?.span;
    for (const entry of properties?.entries ?? []) {
      if (!KNOWN_PROPERTIES.has(entry.name)) {
        throw new PlanError(`Invalid config variable(s) in the WITH clause: ${entry.name}`, entry.span);
      }
      this.values.set(entry.name, { value: entry.value, span: entry.span });
    }
  }

  has(name: string): boolean {
    return this.values.has(name);
  }

  spanOf(name: string): Span | undefined {
    return this.values.get(name)?.span ?? this.span;
  }

  string(name: string): string | undefined {
    const entry = this.values.get(name);
    if (entry === undefined) return undefined;
    const { value } = entry;
    switch (value.kind) {
      case 'string':
        return value.value;
      case 'number':
        return value.text;
      case 'boolean':
        return String(value.value);
    }
  }

  integer(name: string): number | undefined {
    const text = this.string(name);
    if (text === undefined) return undefined;
    const value = Number(text);
    if (!Number.isInteger(value)) {
      throw new PlanError(`Invalid value for property ${name}: '${text}' is not an integer`, this.spanOf(name));
    }
    return value;
  }

  boolean(name: string): boolean | undefined {
    const entry = this.values.get(name);
    if (entry === undefined) return undefined;
    const { value } = entry;
    if (value.kind === 'boolean') return value.value;
    const text = this.string(name)!.toLowerCase();
    if (text === 'true') return true;
    if (text === 'false') return false;
    throw new PlanError(`Invalid value for property ${name}: '${text}' is not a boolean`, this.spanOf(name));
  }
}
