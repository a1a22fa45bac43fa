// The server under a pull-query load: `squall server` in a process of its own, over the benchmark's
// broker, so its CPU and memory are not the load generator's. It runs bundled, as `npm start` runs it.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
// @ts-expect-error: a plain JavaScript build script, without types.
import { bundle } from '../scripts/build-server.mjs';
import { processCpuSeconds, processMemory, type ProcessMemory } from './process-stats.js';

export interface PullServerOptions {
  readonly bootstrapServers: string;
  readonly stateDir: string;
  /** A directory of start-up statements; the benchmark passes an empty one. */
  readonly queriesDir: string;
  /** When set, the server runs under `node --cpu-prof` and writes its profile here when it stops. */
  readonly cpuProfileDir: string | undefined;
}

export interface PullServerProcess {
  /** The REST API's base URL, e.g. http://127.0.0.1:41234. */
  readonly url: string;
  cpuSeconds(): Promise<number>;
  memory(): Promise<ProcessMemory>;
  /** Stops the server with SIGTERM (its clean shutdown), SIGKILL after a grace period. Safe to call twice. */
  stop(): Promise<void>;
}

const cliMain = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
const startTimeoutMs = 60_000;
const stopGraceMs = 15_000;
const listeningLine = /REST API listening on (\S+)/;

export async function startPullServer(options: PullServerOptions): Promise<PullServerProcess> {
  const profileFlags = options.cpuProfileDir === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`];
  const serverFlags = ['--bootstrap-servers', options.bootstrapServers, '--mock-cluster', '--host', '127.0.0.1', '--port', '0'];
  const stateFlags = ['--state-dir', options.stateDir, '--queries', options.queriesDir, '--service-id', 'pull_bench'];
  await (bundle as () => Promise<void>)();
  const child = spawn(process.execPath, [...profileFlags, cliMain, 'server', ...serverFlags, ...stateFlags], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await readListeningUrl(child);
  const pid = child.pid!;
  let stopping: Promise<void> | undefined;
  return {
    url,
    cpuSeconds: () => processCpuSeconds(pid),
    memory: () => processMemory(pid),
    stop: () => {
      stopping ??= (async () => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), stopGraceMs);
        await exited;
        clearTimeout(killer);
      })();
      return stopping;
    },
  };
}

/** Waits for the server's "REST API listening on URL" line; the rest of its output is passed through. */
function readListeningUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    const timer = setTimeout(() => fail(new Error(`The server did not listen within ${startTimeoutMs} ms`)), startTimeoutMs);
    const onExit = (code: number | null): void => fail(new Error(`The server exited (code ${code}) before listening`));
    function fail(error: Error): void {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    }
    child.once('exit', onExit);
    lines.on('line', (line) => {
      process.stderr.write(`server: ${line}\n`);
      const url = listeningLine.exec(line)?.[1];
      if (url === undefined) return;
      clearTimeout(timer);
      child.off('exit', onExit);
      resolve(url);
    });
  });
}
