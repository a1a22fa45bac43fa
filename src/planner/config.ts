// The ksqlDB configuration properties the planner reads, with their defaults.
import type { SchemaLookup } from './schema-lookup.js';

/** Read-only configuration: server properties overlaid with per-request overrides. */
export interface PlannerConfig {
  get(name: string): string | undefined;
  /** The Schema Registry the Schema Registry formats read; absent when none is configured. */
  readonly schemaLookup?: SchemaLookup;
}

export const ConfigNames = {
  defaultKeyFormat: 'ksql.persistence.default.format.key',
  defaultValueFormat: 'ksql.persistence.default.format.value',
  wrapSingleValues: 'ksql.persistence.wrap.single.values',
  outputTopicPrefix: 'ksql.output.topic.name.prefix',
  sinkPartitions: 'ksql.sink.partitions',
  sinkReplicas: 'ksql.sink.replicas',
  substringLegacyArgs: 'ksql.functions.substring.legacy.args',
  /** ksqlDB's newer planner: keys in projection order, unselected keys dropped. */
  newQueryPlanner: 'ksql.new.query.planner.enabled',
  timestampThrowOnInvalid: 'ksql.timestamp.throw.on.invalid',
  /** Kafka Streams' record cache: above 0, aggregates coalesce updates per key until each commit. */
  cacheMaxBytesBuffering: 'ksql.streams.cache.max.bytes.buffering',
} as const;

/** A PlannerConfig over a plain record, with later layers overriding earlier ones. */
export function layeredConfig(...layers: readonly Readonly<Record<string, unknown>>[]): PlannerConfig {
  return {
    get(name: string): string | undefined {
      for (let index = layers.length - 1; index >= 0; index--) {
        const value = layers[index]![name];
        if (value !== undefined && value !== null) return String(value);
      }
      return undefined;
    },
  };
}
