// The shell as a person uses it: typed into a pseudo-terminal (node-pty), against a real server
// on the in-memory Log in this process; and non-interactively with -e and -f.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { spawn, type IPty } from 'node-pty';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../../src/engine/index.js';
import { MemoryLog } from '../../../src/runtime/index.js';
import { buildServer, listen } from '../../../src/server/index.js';

const mainScript = join(import.meta.dirname, '../../../src/cli/main.ts');
const run = promisify(execFile);

let engine: Engine;
let server: FastifyInstance;
let address: string;
let directory: string;

beforeAll(async () => {
  const log = new MemoryLog({ autoCreateTopics: true, defaultPartitions: 1 });
  engine = new Engine(log, { serviceId: 'shell_test', guarantee: 'exactly_once_v2', properties: {}, background: true, kafkaClusterId: 'memory' });
  await engine.start();
  server = await buildServer(engine, { logger: false });
  address = await listen(server, { host: '127.0.0.1', port: 0 });
  directory = await mkdtemp(join(tmpdir(), 'squall-shell-'));
});

afterAll(async () => {
  await server.close();
  await engine.close();
  await rm(directory, { recursive: true, force: true });
});

/** A terminal session: what the shell printed so far, without colours, and a way to wait for text. */
class Terminal {
  private text = '';
  private readonly pty: IPty;
  readonly exited: Promise<number>;

  constructor(args: readonly string[]) {
    this.pty = spawn(process.execPath, ['--import', 'tsx', mainScript, 'cli', ...args], {
      cols: 120,
      rows: 40,
      env: { ...process.env, SQUALL_CLI_HISTORY: join(directory, 'history') },
    });
    this.pty.onData((data) => {
      this.text += data;
    });
    this.exited = new Promise((resolve) => this.pty.onExit(({ exitCode }) => resolve(exitCode)));
  }

  get screen(): string {
    // eslint-disable-next-line no-control-regex
    return this.text.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '').replace(/\r/g, '');
  }

  type(keys: string): void {
    this.pty.write(keys);
  }

  /** Waits until `pattern` appears after everything seen at the previous wait. */
  async waitFor(pattern: string | RegExp, timeoutMs = 20_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (typeof pattern === 'string' ? this.screen.includes(pattern) : pattern.test(this.screen)) return this.screen;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`Timed out waiting for ${String(pattern)}; the terminal shows:\n${this.screen}`);
  }
}

describe('squall cli in a terminal', () => {
  it('runs multi-line statements, keeps SET properties, prints tables and stops a push query on Ctrl-C', async () => {
    const terminal = new Terminal([address]);
    await terminal.waitFor('squall> ');
    terminal.type(`CREATE STREAM CLICKS (USER_ID STRING KEY, PAGE STRING)\r  WITH (KAFKA_TOPIC='clicks', VALUE_FORMAT='JSON', PARTITIONS=1);\r`);
    await terminal.waitFor('Stream created');
    expect(terminal.screen).toContain('     > ');
    terminal.type(`INSERT INTO CLICKS (USER_ID, PAGE) VALUES ('u1', 'home');\r`);
    terminal.type(`SET 'auto.offset.reset'='earliest';\r`);
    await terminal.waitFor(`Successfully changed local property 'auto.offset.reset' to 'earliest'`);
    terminal.type('SHOW STREAMS;\r');
    await terminal.waitFor(/│ CLICKS\s+│ clicks\s+│ KAFKA\s+│ JSON/);
    // From the earliest offset (the SET above), the push query finds the row inserted before it.
    terminal.type('SELECT USER_ID, PAGE FROM CLICKS EMIT CHANGES;\r');
    await terminal.waitFor(/│ u1\s+│ home\s+│/);
    terminal.type('\u0003');
    await terminal.waitFor('Query terminated');
    terminal.type('exit\r');
    expect(await terminal.exited).toBe(0);
    expect(await readFile(join(directory, 'history'), 'utf8')).toContain('SHOW STREAMS;');
  });

  it('shows a syntax error with the caret under the problem, and discards a half-typed statement on Ctrl-C', async () => {
    const terminal = new Terminal([address]);
    await terminal.waitFor('squall> ');
    terminal.type('SHOW STREEMS;\r');
    const screen = await terminal.waitFor(/\^+/);
    expect(screen).toMatch(/line 1:6: Syntax Error/);
    expect(screen).toMatch(/SHOW STREEMS;\n {5}\^/);
    terminal.type('SHOW\r');
    await terminal.waitFor('     > ');
    terminal.type('\u0003');
    await terminal.waitFor('Type EXIT or press Ctrl-D');
    terminal.type('\u0004');
    expect(await terminal.exited).toBe(0);
  });
});

describe('squall cli, non-interactive', () => {
  it('runs a file with -f, RUN SCRIPT inside it, and a pull query as a table', async () => {
    const inner = join(directory, 'inner.sql');
    await writeFile(inner, `CREATE TABLE PAGE_VIEWS AS SELECT PAGE, COUNT(*) AS VIEWS FROM CLICKS GROUP BY PAGE;\n`);
    const script = join(directory, 'script.sql');
    await writeFile(script, `RUN SCRIPT '${inner}';\nSHOW QUERIES;\nSELECT * FROM PAGE_VIEWS;\n`);
    const { stdout } = await run(process.execPath, ['--import', 'tsx', mainScript, 'cli', address, '-f', script]);
    expect(stdout).toContain('Created query with ID CTAS_PAGE_VIEWS_');
    expect(stdout).toMatch(/│ CTAS_PAGE_VIEWS_\d+ │ PERSISTENT │ RUNNING/);
    expect(stdout).toMatch(/│ PAGE\s+│ VIEWS │/);
    expect(stdout).toMatch(/\d+ rows?\n/);
  });

  it('exits non-zero at the first statement that fails, pointing at its line in the file', async () => {
    const script = join(directory, 'broken.sql');
    await writeFile(script, `SHOW STREAMS;\n\nSELECT * FROM\n  CLICKS WHER PAGE = 'home';\nSHOW TABLES;\n`);
    const failure = await run(process.execPath, ['--import', 'tsx', mainScript, 'cli', address, '-f', script]).then(
      () => undefined,
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toMatch(/at line 4:15:/);
    expect(failure?.stderr).toMatch(/Did you mean WHERE instead of 'WHER'\?/);
    expect(failure?.stdout).toContain('Stream Name');
    expect(failure?.stdout).not.toContain('Table Name');
  });

  it('runs a statement given with -e', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', mainScript, 'cli', address, '-e', 'DESCRIBE CLICKS;']);
    expect(stdout).toMatch(/│ USER_ID\s+│ STRING \(key\)/);
  });
});
