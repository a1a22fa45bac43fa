// The broker for a benchmark: the embedded Kafka in a process of its own, so its CPU is not the client's.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { processCpuSeconds } from './process-stats.js';

export interface BrokerProcess {
  readonly bootstrapServers: string;
  /** CPU seconds (user + system) the broker process has used so far. */
  cpuSeconds(): Promise<number>;
  /** Stops the broker; its data is gone. Safe to call twice. */
  stop(): Promise<void>;
}

const embeddedKafkaMain = fileURLToPath(new URL('../src/runtime/log/embedded-kafka-main.ts', import.meta.url));
const startTimeoutMs = 30_000;

/** Spawns `embedded-kafka-main.ts` with `brokers` brokers and waits for its `BOOTSTRAP=` line. */
export async function startBrokerProcess(brokers: number): Promise<BrokerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', embeddedKafkaMain, String(brokers)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const bootstrapServers = await readBootstrap(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stopping: Promise<void> | undefined;
  return {
    bootstrapServers,
    cpuSeconds: () => processCpuSeconds(child.pid!),
    stop: () => {
      stopping ??= (async () => {
        child.kill('SIGTERM');
        await exited;
      })();
      return stopping;
    },
  };
}

function readBootstrap(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    const timer = setTimeout(() => fail(new Error(`The embedded Kafka printed no bootstrap address within ${startTimeoutMs} ms`)), startTimeoutMs);
    const onExit = (code: number | null): void => fail(new Error(`The embedded Kafka exited (code ${code}) before announcing itself`));
    function fail(error: Error): void {
      clearTimeout(timer);
      child.kill('SIGTERM');
      reject(error);
    }
    child.once('exit', onExit);
    lines.on('line', (line) => {
      const announced = /^BOOTSTRAP=(\S+)$/.exec(line)?.[1];
      if (announced === undefined) return;
      clearTimeout(timer);
      child.off('exit', onExit);
      lines.close();
      resolve(announced);
    });
  });
}
