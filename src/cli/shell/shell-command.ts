// `squall cli [SERVER_URL] [-f file.sql] [-e 'statement']`: the interactive shell, or the same
// session run over a file or a statement, exiting non-zero when a statement fails.
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError } from '../config.js';
import { runInteractive } from './interactive.js';
import { KsqlClient } from './ksql-client.js';
import { Session, type ShellOutput } from './session.js';

export const SHELL_USAGE = `squall cli [SERVER_URL] [-f FILE.sql] [-e 'STATEMENT;']   a shell against a server (default http://localhost:8088)`;

const DEFAULT_SERVER = 'http://localhost:8088';

const terminalOutput: ShellOutput = {
  print: (text) => console.log(text),
  error: (text) => console.error(text),
};

export async function runShell(args: readonly string[]): Promise<void> {
  const { values, positionals } = parseShellArgs(args);
  if (positionals.length > 1) throw new ConfigError(`squall cli takes one server URL, got: ${positionals.join(' ')}\n${SHELL_USAGE}`);
  const serverUrl = (positionals[0] ?? DEFAULT_SERVER).replace(/\/+$/, '');
  const session = new Session(new KsqlClient(serverUrl), terminalOutput);
  const script = values.execute ?? (values.file === undefined ? undefined : await readScript(values.file));
  if (script !== undefined) {
    process.on('SIGINT', () => session.interrupt());
    if (!(await session.runScript(script))) process.exitCode = 1;
    return;
  }
  await runInteractive(session, {
    serverUrl,
    serverVersion: await serverVersion(serverUrl),
    historyFile: process.env.SQUALL_CLI_HISTORY ?? join(homedir(), '.squall_history'),
  });
}

function parseShellArgs(args: readonly string[]) {
  try {
    return parseArgs({
      args: [...args],
      allowPositionals: true,
      options: { file: { type: 'string', short: 'f' }, execute: { type: 'string', short: 'e' } },
    });
  } catch (error) {
    throw new ConfigError(`${error instanceof Error ? error.message : String(error)}\n${SHELL_USAGE}`);
  }
}

async function readScript(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`Could not read ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The version from /info; a server that does not answer is named in the banner rather than stopping the shell. */
async function serverVersion(serverUrl: string): Promise<string> {
  try {
    const body: unknown = await (await fetch(`${serverUrl}/info`)).json();
    const version = (body as { KsqlServerInfo?: { version?: unknown } }).KsqlServerInfo?.version;
    return typeof version === 'string' ? version : 'unknown';
  } catch {
    return 'unknown (not reachable yet)';
  }
}
