// The `squall` command: `server` (the default), `kafka` (an embedded Kafka in its own process),
// `run FILE.sql` (send a file of statements to a running server), `cli` (an interactive shell) and
// `test` (run a SQL file offline against test records).
import { readFile } from 'node:fs/promises';
import { runEmbeddedKafkaProcess } from '../runtime/index.js';
import { ConfigError, parseFlags, resolveServerConfig } from './config.js';
import { runServer } from './server-command.js';
import { runShell, SHELL_USAGE } from './shell/shell-command.js';
import { runTestCommand, TEST_USAGE } from './test-runner/test-command.js';

const USAGE = `Usage:
  squall server [--port 8088] [--host 0.0.0.0] [--bootstrap-servers HOST:PORT] [--mock-cluster]
                [--service-id ID] [--state-dir DIR] [--processing-guarantee exactly_once_v2|at_least_once]
                [--queries DIR] [--functions-dir DIR] [--config squall.properties]
                [--schema-registry-port 8081 | --schema-registry-url http://HOST:8081]
  squall kafka [--brokers 3]          start an embedded Kafka in this process and print its bootstrap address
  squall run FILE.sql [--server http://localhost:8088]   send the statements of FILE.sql to a server
  ${SHELL_USAGE}
  ${TEST_USAGE}

Environment: SQUALL_PORT, SQUALL_HOST, SQUALL_BOOTSTRAP_SERVERS, SQUALL_SERVICE_ID, SQUALL_STATE_DIR,
SQUALL_PROCESSING_GUARANTEE, SQUALL_QUERIES_DIR, SQUALL_FUNCTIONS_DIR, SQUALL_CONFIG. Flags win over the environment,
which wins over the properties file.`;

async function main(args: readonly string[]): Promise<void> {
  const [command = 'server', ...rest] = args;
  switch (command) {
    case 'server':
      return runServer(resolveServerConfig(parseFlags(rest), process.env));
    case 'kafka': {
      const flags = parseFlags(rest);
      return runEmbeddedKafkaProcess({ brokers: Number(flags.get('brokers') ?? '3') }, (bootstrapServers) => {
        console.error(
          `squall: embedded Kafka running until Ctrl-C. Start servers against it (and restart them) with:\n` +
            `  SQUALL_BOOTSTRAP_SERVERS=${bootstrapServers} SQUALL_MOCK_CLUSTER=true make start`,
        );
      });
    }
    case 'run':
      return runFile(rest);
    case 'cli':
      return runShell(rest);
    case 'test':
      process.exitCode = await runTestCommand(rest);
      return;
    case 'help':
    case '--help':
      console.log(USAGE);
      return;
    default:
      throw new ConfigError(`Unknown command '${command}'.\n${USAGE}`);
  }
}

async function runFile(args: readonly string[]): Promise<void> {
  const [file, ...rest] = args;
  if (file === undefined) throw new ConfigError(`squall run needs a file.\n${USAGE}`);
  const server = parseFlags(rest).get('server') ?? 'http://localhost:8088';
  const response = await fetch(`${server}/ksql`, {
    method: 'POST',
    headers: { 'content-type': 'application/vnd.ksql.v1+json', accept: 'application/vnd.ksql.v1+json' },
    body: JSON.stringify({ ksql: await readFile(file, 'utf8'), streamsProperties: {} }),
  });
  const body = await response.text();
  console.log(body);
  if (!response.ok) process.exitCode = 1;
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`squall: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(error instanceof ConfigError ? 2 : 1);
});
