// What every Kafka Log client shares: where the cluster is, pass-through properties and its quirks.

export interface KafkaClientSettings {
  readonly bootstrapServers: string;
  /** librdkafka properties for every client (SASL, TLS, client.id, ...); ours override them only where correctness needs it. */
  readonly properties: Readonly<Record<string, string | number | boolean>>;
  /** The cluster is librdkafka's mock cluster, whose gaps the clients work around (see KafkaLogConfig). */
  readonly mockCluster: boolean;
  /** Limit for one broker round trip: metadata, commits, transaction steps. */
  readonly requestTimeoutMs: number;
}
