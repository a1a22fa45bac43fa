// `squall server`: the Kafka (or the embedded one), the engine with its replayed catalog, the
// repository's queries/, and the REST API; shut down cleanly on SIGINT/SIGTERM.
import { fileURLToPath } from 'node:url';
import { Engine, applyQueryDirectory, loadFunctionDirectory } from '../engine/index.js';
import { KafkaLog, startEmbeddedKafka, type EmbeddedKafka, type Log } from '../runtime/index.js';
import { buildSchemaRegistryServer, EmbeddedSchemaRegistry, openRemoteSchemaRegistry, type SchemaRegistry } from '../schema-registry/index.js';
import { buildServer, listen } from '../server/index.js';
import type { ServerConfig } from './config.js';

/** Where `npm run build:console` bundles the web console. */
const CONSOLE_DIST = fileURLToPath(new URL('../../console/dist/', import.meta.url));

export async function runServer(config: ServerConfig): Promise<void> {
  // Before anything starts: a broken function module stops the server here, with every problem printed.
  const functions = await loadFunctionDirectory(config.functionsDir.path, { required: config.functionsDir.required });
  if (functions.length > 0) {
    console.log(`squall: loaded ${functions.length} user-defined function(s) from ${config.functionsDir.path}: ${functions.map((definition) => definition.name).join(', ')}`);
  }
  let embedded: EmbeddedKafka | undefined;
  let bootstrapServers = config.bootstrapServers;
  if (bootstrapServers === undefined) {
    embedded = await startEmbeddedKafka();
    bootstrapServers = embedded.bootstrapServers;
    console.log(`squall: embedded Kafka listening on ${bootstrapServers} (any Kafka client can produce to it)`);
  }
  const kafkaProperties = Object.fromEntries(
    Object.entries(config.properties).flatMap(([name, value]) => (name.startsWith('kafka.') ? [[name.slice('kafka.'.length), value]] : [])),
  );
  const log = new KafkaLog({ bootstrapServers, mockCluster: embedded !== undefined || config.mockCluster, properties: kafkaProperties });
  const registry = await startSchemaRegistry(config, log);
  const engine = new Engine(log, {
    schemaRegistry: registry.registry,
    serviceId: config.serviceId,
    guarantee: config.guarantee,
    stateDir: config.stateDir,
    properties: Object.fromEntries(Object.entries(config.properties).filter(([name]) => !name.startsWith('kafka.'))),
    background: true,
    kafkaClusterId: embedded === undefined ? bootstrapServers : `embedded:${bootstrapServers}`,
    functions,
    // Restores, table catch-ups and Kafka retries: the server's log is its standard output.
    onProgress: (line) => console.log(line),
  });
  await engine.start();
  for (const applied of await applyQueryDirectory(engine, config.queriesDir)) {
    console.log(`squall: applied ${applied.file}: ${applied.executed} statements run, ${applied.skipped} already in effect`);
    for (const warning of applied.warnings) console.warn(`squall: ${warning}`);
  }
  const server = await buildServer(engine, { logger: false, consoleDir: CONSOLE_DIST });
  const address = await listen(server, { host: config.host, port: config.port });
  console.log(`squall: REST API listening on ${address} (ksqlDB-compatible: POST /ksql, /query-stream, ...)`);
  console.log(`squall: web console at ${address}/console/, Prometheus metrics at ${address}/metrics`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`squall: ${signal} received, shutting down`);
    await server.close();
    await engine.close();
    await registry.stop();
    await log.close();
    await embedded?.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

/**
 * The Schema Registry named by --schema-registry-url, else the embedded one: its schemas in the
 * Kafka cluster's `_schemas` topic, Confluent's REST API on 127.0.0.1 for any producer or consumer.
 */
async function startSchemaRegistry(config: ServerConfig, log: Log): Promise<{ registry: SchemaRegistry; stop(): Promise<void> }> {
  if (config.schemaRegistryUrl !== undefined) {
    const remote = await openRemoteSchemaRegistry(config.schemaRegistryUrl);
    console.log(`squall: using the Schema Registry at ${config.schemaRegistryUrl}`);
    return { registry: remote, stop: () => remote.close() };
  }
  const embedded = await EmbeddedSchemaRegistry.open(log);
  const server = buildSchemaRegistryServer(embedded);
  const address = await server.listen({ host: '127.0.0.1', port: config.schemaRegistryPort });
  console.log(`squall: embedded Schema Registry listening on ${address} (Confluent-compatible: any Avro producer or consumer can use it)`);
  return {
    registry: embedded,
    stop: async () => {
      await server.close();
      await embedded.close();
    },
  };
}
