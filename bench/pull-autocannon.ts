// One pull-query load run: autocannon POSTs /query over N connections for S seconds, a fresh random
// key per request; latency is kept per response (autocannon's own histogram has 1 ms resolution).
import autocannon from 'autocannon';
import { cpuSecondsBetween, percentile } from './measure.js';
import type { PullServerProcess } from './pull-server.js';
import { ksqlBody } from './pull-rest.js';

export interface PullLoadOptions {
  readonly connections: number;
  readonly seconds: number;
  /** Requests per second over all connections; undefined: as fast as the server answers. */
  readonly rate: number | undefined;
  /** The pull query of one request; called per request. */
  readonly nextQuery: () => string;
}

export interface PullLoadResult {
  readonly connections: number;
  /** The offered rate, undefined when unbounded. */
  readonly rate: number | undefined;
  /** 2xx responses that carried a row. */
  readonly requests: number;
  readonly requestsPerSecond: number;
  /** Requests per CPU-second the server process spent during the run (user + system, every thread). */
  readonly requestsPerServerCpuSecond: number;
  /** CPU the server process used over the run's length: 1 is one core busy all along. */
  readonly serverCores: number;
  /** CPU this process (autocannon) used over the run's length: near 1, the load generator is the limit. */
  readonly clientCores: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** Connection errors and timeouts. */
  readonly errors: number;
  readonly non2xx: number;
  /** 2xx responses without a row: every key asked for exists, so each should have one. */
  readonly rowless: number;
}

export async function runPullLoad(server: PullServerProcess, options: PullLoadOptions): Promise<PullLoadResult> {
  const latenciesMs: number[] = [];
  let rowless = 0;
  const cpuBefore = await server.cpuSeconds();
  const clientCpuBefore = process.cpuUsage();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: server.url,
        connections: options.connections,
        duration: options.seconds,
        ...(options.rate === undefined ? {} : { overallRate: options.rate }),
        requests: [
          {
            method: 'POST',
            path: '/query',
            headers: { 'content-type': 'application/vnd.ksql.v1+json', accept: 'application/vnd.ksql.v1+json' },
            setupRequest: (request) => ({ ...request, body: ksqlBody(options.nextQuery()) }),
            onResponse: (status, body) => {
              if (status < 300 && !body.includes('{"row":')) rowless++;
            },
          },
        ],
      },
      (error: unknown, finished) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(finished)),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTimeMs) => {
      if (statusCode < 300) latenciesMs.push(responseTimeMs);
    });
  });
  const clientCpuSeconds = cpuSecondsBetween(clientCpuBefore, process.cpuUsage());
  const serverCpuSeconds = (await server.cpuSeconds()) - cpuBefore;
  latenciesMs.sort((left, right) => left - right);
  const requests = result['2xx'] - rowless;
  return {
    connections: options.connections,
    rate: options.rate,
    requests,
    requestsPerSecond: requests / result.duration,
    requestsPerServerCpuSecond: serverCpuSeconds > 0 ? requests / serverCpuSeconds : Number.NaN,
    serverCores: serverCpuSeconds / result.duration,
    clientCores: clientCpuSeconds / result.duration,
    p50Ms: latenciesMs.length === 0 ? Number.NaN : percentile(latenciesMs, 0.5),
    p99Ms: latenciesMs.length === 0 ? Number.NaN : percentile(latenciesMs, 0.99),
    maxMs: latenciesMs.at(-1) ?? Number.NaN,
    errors: result.errors,
    non2xx: result.non2xx,
    rowless,
  };
}
