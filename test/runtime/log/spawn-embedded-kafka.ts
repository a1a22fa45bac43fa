// Spawns the embedded Kafka as a separate process and resolves with its bootstrap servers.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export interface SpawnedKafka {
  readonly bootstrapServers: string;
  readonly process: ChildProcess;
  /** Sends SIGTERM and resolves with the exit code once the process has gone. */
  stop(): Promise<number | null>;
}

const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));
const mainScript = 'src/runtime/log/embedded-kafka-main.ts';

export function spawnEmbeddedKafka(timeoutMs = 30_000): Promise<SpawnedKafka> {
  // `node --import tsx` rather than `npx tsx`: one process, so SIGTERM reaches the cluster itself
  // (npx does not pass the signal on, and would leave the cluster running).
  const child = spawn(process.execPath, ['--import', 'tsx', mainScript], { cwd: repositoryRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const stop = async (): Promise<number | null> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    return exited;
  };
  let errorOutput = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    errorOutput += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    const fail = (reason: string): void => {
      clearTimeout(timer);
      void stop();
      reject(new Error(`${reason}\n${errorOutput}`));
    };
    const timer = setTimeout(() => fail(`The embedded Kafka printed no BOOTSTRAP line within ${timeoutMs} ms`), timeoutMs);
    const exitedEarly = (code: number | null): void => fail(`The embedded Kafka exited early with code ${code}`);
    child.once('exit', exitedEarly);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const match = /^BOOTSTRAP=(\S+)$/.exec(line);
      if (match === null) return;
      clearTimeout(timer);
      child.off('exit', exitedEarly);
      resolve({ bootstrapServers: match[1]!, process: child, stop });
    });
  });
}
