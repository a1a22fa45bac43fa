// What `npm start` runs: the server bundled into dist/cli/main.js, on plain Node. Its offline
// `test` command loads a TypeScript user function (tsx registered on demand) whose DECIMAL comes
// from the source's own copy of the Decimal class, which the engine's functions still take for one
// (SIGN); the server answers /info and serves the console.
import { execFile, spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain JavaScript build script, without types.
import { bundle } from '../../scripts/build-server.mjs';

const root = join(import.meta.dirname, '../..');
const compiled = join(root, 'dist/cli/main.js');
const execFileAsync = promisify(execFile);

let directory: string;

beforeAll(async () => {
  await (bundle as () => Promise<void>)();
  // Inside the project, as a user's functions directory is: its package.json makes them modules.
  await mkdir(join(root, '.squall'), { recursive: true });
  directory = await mkdtemp(join(root, '.squall/test-compiled-'));
}, 60_000);

afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('the compiled server', () => {
  it('runs a TypeScript user function returning a DECIMAL', async () => {
    const functions = join(directory, 'functions');
    await mkdir(functions);
    await writeFile(
      join(functions, 'halve.ts'),
      `import { Decimal, defineFunction } from '${join(root, 'src/udf.js')}';
export default defineFunction({
  name: 'HALVE',
  kind: 'scalar',
  description: 'Half of a price, to the cent.',
  signatures: [{ params: ['DECIMAL(10, 2)'], returns: 'DECIMAL(10, 2)' }],
  run: (price: Decimal) => new Decimal(price.unscaled / 2n, 2),
});
`,
    );
    const sql = join(directory, 'halve.sql');
    await writeFile(
      sql,
      "CREATE STREAM PRICES (K STRING KEY, P DECIMAL(10, 2)) WITH (KAFKA_TOPIC='prices', VALUE_FORMAT='JSON', PARTITIONS=1);\n"
        + "CREATE STREAM HALVED WITH (KAFKA_TOPIC='halved') AS SELECT K, HALVE(P) AS H, SIGN(HALVE(P)) AS S FROM PRICES;\n",
    );
    const input = join(directory, 'input.json');
    await writeFile(input, JSON.stringify({ inputs: [{ topic: 'prices', key: 'a', value: { P: 12.5 }, timestamp: 1 }] }));
    const output = join(directory, 'output.json');
    await writeFile(output, JSON.stringify({ outputs: [{ topic: 'halved', key: 'a', value: { H: 6.25, S: 1 }, timestamp: 1 }] }));
    const { stdout } = await execFileAsync(process.execPath, [compiled, 'test', '--sql', sql, '--input', input, '--output', output, '--functions-dir', functions], {
      cwd: root,
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(stdout).toContain('>>> Test passed!');
  });

  it('starts over the embedded Kafka, answers /info and serves the console', async () => {
    const state = join(directory, 'state');
    const server = spawn(process.execPath, [compiled, 'server', '--port', '0', '--schema-registry-port', '0', '--state-dir', state, '--queries', join(directory, 'no-queries')], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let seen = '';
        const timer = setTimeout(() => reject(new Error(`no REST address in 60 s:\n${seen}`)), 60_000);
        const read = (chunk: Buffer) => {
          seen += chunk.toString();
          const found = /REST API listening on (http:\/\/\S+)/.exec(seen);
          if (found !== null) {
            clearTimeout(timer);
            resolve(found[1]!);
          }
        };
        server.stdout.on('data', read);
        server.stderr.on('data', read);
        server.on('exit', (code) => reject(new Error(`the server exited (${code}):\n${seen}`)));
      });
      const info = (await (await fetch(`${url}/info`)).json()) as { KsqlServerInfo: { serverStatus: string } };
      expect(info.KsqlServerInfo.serverStatus).toBe('RUNNING');
      const console = await fetch(`${url}/console/`);
      expect(console.status).toBe(200);
      expect(await console.text()).toContain('<html');
    } finally {
      server.kill('SIGTERM');
      await new Promise((resolve) => server.once('exit', resolve));
    }
  }, 90_000);
});
