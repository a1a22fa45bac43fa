// Server configuration from flags, environment variables and an optional properties file, in
// that order of precedence, over built-in defaults.
import { readFileSync } from 'node:fs';
import type { ProcessingGuarantee } from '../runtime/index.js';

export interface ServerConfig {
  readonly host: string;
  readonly port: number;
  /** Undefined: start the embedded Kafka. */
  readonly bootstrapServers: string | undefined;
  /** The bootstrap servers are an embedded Kafka (librdkafka mock cluster) started elsewhere. */
  readonly mockCluster: boolean;
  readonly serviceId: string;
  readonly stateDir: string;
  readonly guarantee: ProcessingGuarantee;
  readonly queriesDir: string;
  /** Modules of user-defined functions; `required` when named explicitly (a missing default directory means none). */
  readonly functionsDir: { readonly path: string; readonly required: boolean };
  /** A Schema Registry to use instead of the embedded one (`ksql.schema.registry.url`). */
  readonly schemaRegistryUrl: string | undefined;
  /** Where the embedded Schema Registry listens on 127.0.0.1 when no URL is given. */
  readonly schemaRegistryPort: number;
  /** Everything else from the properties file: ksql.* engine properties and librdkafka client settings (kafka.*). */
  readonly properties: Readonly<Record<string, string>>;
}

interface Setting {
  readonly flag: string;
  readonly env: string;
  readonly property: string;
}

const SETTINGS = {
  host: { flag: 'host', env: 'SQUALL_HOST', property: 'listeners.host' },
  port: { flag: 'port', env: 'SQUALL_PORT', property: 'listeners.port' },
  bootstrapServers: { flag: 'bootstrap-servers', env: 'SQUALL_BOOTSTRAP_SERVERS', property: 'bootstrap.servers' },
  mockCluster: { flag: 'mock-cluster', env: 'SQUALL_MOCK_CLUSTER', property: 'squall.mock.cluster' },
  serviceId: { flag: 'service-id', env: 'SQUALL_SERVICE_ID', property: 'ksql.service.id' },
  stateDir: { flag: 'state-dir', env: 'SQUALL_STATE_DIR', property: 'ksql.streams.state.dir' },
  guarantee: { flag: 'processing-guarantee', env: 'SQUALL_PROCESSING_GUARANTEE', property: 'processing.guarantee' },
  queriesDir: { flag: 'queries', env: 'SQUALL_QUERIES_DIR', property: 'squall.queries.dir' },
  functionsDir: { flag: 'functions-dir', env: 'SQUALL_FUNCTIONS_DIR', property: 'squall.functions.dir' },
  schemaRegistryUrl: { flag: 'schema-registry-url', env: 'SQUALL_SCHEMA_REGISTRY_URL', property: 'ksql.schema.registry.url' },
  schemaRegistryPort: { flag: 'schema-registry-port', env: 'SQUALL_SCHEMA_REGISTRY_PORT', property: 'squall.schema.registry.port' },
} as const satisfies Record<string, Setting>;

export class ConfigError extends Error {}

/** `--name value` and `--name=value` flags; a flag without a value is `true`. */
export function parseFlags(args: readonly string[]): Map<string, string> {
  const flags = new Map<string, string>();
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!;
    if (!arg.startsWith('--')) throw new ConfigError(`Unexpected argument '${arg}'`);
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    if (inline !== undefined) {
      flags.set(name, inline);
    } else if (index + 1 < args.length && !args[index + 1]!.startsWith('--')) {
      flags.set(name, args[++index]!);
    } else {
      flags.set(name, 'true');
    }
  }
  return flags;
}

/** Java-style `name=value` lines; `#` and `!` start comments. */
export function parseProperties(text: string): Record<string, string> {
  const properties: Record<string, string> = {};
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#') || line.startsWith('!')) continue;
    const match = /^([^=:\s]+)\s*[=:]\s*(.*)$/.exec(line);
    if (match === null) throw new ConfigError(`Cannot read the properties line '${line}'`);
    properties[match[1]!] = match[2]!;
  }
  return properties;
}

export function resolveServerConfig(flags: ReadonlyMap<string, string>, env: NodeJS.ProcessEnv): ServerConfig {
  const file = flags.get('config') ?? env['SQUALL_CONFIG'];
  const properties = file === undefined ? {} : readPropertiesFile(file);
  const lookup = (setting: Setting): string | undefined => flags.get(setting.flag) ?? env[setting.env] ?? properties[setting.property];
  for (const name of flags.keys()) {
    if (name !== 'config' && !Object.values(SETTINGS).some((setting) => setting.flag === name)) {
      throw new ConfigError(`Unknown flag --${name}`);
    }
  }
  const port = parsePort(lookup(SETTINGS.port) ?? '8088');
  const schemaRegistryPort = parsePort(lookup(SETTINGS.schemaRegistryPort) ?? '8081');
  const guarantee = lookup(SETTINGS.guarantee) ?? 'exactly_once_v2';
  if (guarantee !== 'exactly_once_v2' && guarantee !== 'at_least_once') {
    throw new ConfigError(`processing.guarantee must be exactly_once_v2 or at_least_once, not '${guarantee}'`);
  }
  return {
    host: lookup(SETTINGS.host) ?? '0.0.0.0',
    port,
    bootstrapServers: lookup(SETTINGS.bootstrapServers),
    mockCluster: (lookup(SETTINGS.mockCluster) ?? 'false') === 'true',
    serviceId: lookup(SETTINGS.serviceId) ?? 'default_',
    stateDir: lookup(SETTINGS.stateDir) ?? '.squall/state',
    guarantee,
    queriesDir: lookup(SETTINGS.queriesDir) ?? 'queries',
    functionsDir: functionsDirectory(lookup(SETTINGS.functionsDir)),
    schemaRegistryUrl: lookup(SETTINGS.schemaRegistryUrl),
    schemaRegistryPort,
    properties,
  };
}

function parsePort(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`Invalid port: ${text}`);
  return port;
}

function functionsDirectory(named: string | undefined): ServerConfig['functionsDir'] {
  return named === undefined ? { path: 'functions', required: false } : { path: named, required: true };
}

function readPropertiesFile(path: string): Record<string, string> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`Cannot read the properties file ${path}: ${(error as Error).message}`);
  }
  return parseProperties(text);
}
