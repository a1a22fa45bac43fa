// The web console end to end in headless Chromium (Debian's chromium, driven by playwright-core):
// the catalog lists a stream and its query; a push query typed into the editor shows rows as
// they arrive, in a live table and a live chart; a bad record shows in the processing log; Stop
// closes the query on the server; a pull query and a bad statement show as a person would see them.
// The chart's screenshot goes to $SQUALL_CONSOLE_SCREENSHOT (default /tmp/squall-console.png).
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildConsole } from '../../console/build.js';
import { Engine } from '../../src/engine/index.js';
import { MemoryLog, type LogProducer } from '../../src/runtime/index.js';
import { buildServer, listen } from '../../src/server/index.js';

const CHROMIUM = [process.env['CHROMIUM_PATH'], '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
  (path): path is string => path !== undefined && existsSync(path),
);
const SCREENSHOT = process.env['SQUALL_CONSOLE_SCREENSHOT'] ?? '/tmp/squall-console.png';
const CITIES = ['paris', 'lima', 'oslo'];
/** Long enough for a loaded CI machine: the page renders and refreshes the catalog asynchronously. */
const EVENTUALLY = { timeout: 10_000 };

if (CHROMIUM === undefined) {
  console.warn('test/console: skipped, no chromium binary (apt-get install chromium, or set CHROMIUM_PATH)');
}

describe.skipIf(CHROMIUM === undefined)('web console in headless Chromium', () => {
  let engine: Engine;
  let server: FastifyInstance;
  let browser: Browser;
  let page: Page;
  let producer: LogProducer;
  let rideNumber = 0;

  /** One ride every 40 ms until `done` holds (at most 15 s): a push query sees only rows after it started. */
  async function produceRidesUntil(done: () => Promise<boolean>): Promise<void> {
    const deadline = Date.now() + 15_000;
    while (!(await done())) {
      if (Date.now() > deadline) throw new Error('the console never showed what was expected');
      const ride = rideNumber++;
      const fare = 10 + 30 * Math.sin(ride / 4) ** 2 + (ride % 5);
      const value = { CITY: CITIES[ride % CITIES.length], FARE: Math.round(fare * 100) / 100, SEATS: 1 + (ride % 4) };
      producer.send([{ topic: 'rides', key: Buffer.from(`r${ride}`), value: Buffer.from(JSON.stringify(value)) }]);
      await producer.flush();
      await new Promise((resolve) => setTimeout(resolve, 40));
    }
  }

  beforeAll(async () => {
    const consoleDir = mkdtempSync(join(tmpdir(), 'squall-console-dist-'));
    await buildConsole(consoleDir);
    const log = new MemoryLog({ autoCreateTopics: true });
    engine = new Engine(log, {
      serviceId: 'console_',
      guarantee: 'exactly_once_v2',
      properties: {},
      background: true,
      kafkaClusterId: 'memory',
      stateDir: mkdtempSync(join(tmpdir(), 'squall-console-state-')),
      instanceId: 'i1',
    });
    await engine.start();
    await engine.execute({
      sql: "CREATE STREAM RIDES (ID STRING KEY, CITY STRING, FARE DOUBLE, SEATS INT) WITH (KAFKA_TOPIC='rides', VALUE_FORMAT='JSON', PARTITIONS=1); CREATE STREAM LONG_RIDES AS SELECT * FROM RIDES WHERE FARE > 30;",
    });
    producer = await log.producer();
    server = await buildServer(engine, { consoleDir });
    const address = await listen(server, { host: '127.0.0.1', port: 0 });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`${address}/console/`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await producer?.close();
    await engine?.close();
  });

  it('lists the streams and the running query in the catalog', async () => {
    await expect.poll(() => page.getByTestId('catalog-streams').innerText(), EVENTUALLY).toContain('RIDES');
    await expect.poll(() => page.getByTestId('catalog-streams').innerText(), EVENTUALLY).toContain('KSQL_PROCESSING_LOG');
    await expect.poll(() => page.getByTestId('catalog-queries').innerText(), EVENTUALLY).toMatch(/RUNNING CSAS_LONG_RIDES_\d+/);
    await expect.poll(() => page.getByTestId('catalog-queries').innerText(), EVENTUALLY).toMatch(/lag \d+/);
  });

  it('streams a typed push query into a live table and a live chart', async () => {
    const editor = page.getByTestId('sql-editor');
    await editor.fill('');
    await editor.pressSequentially('SELECT CITY, FARE, SEATS FROM RIDES EMIT CHANGES;');
    await editor.press('Control+Enter');
    await expect.poll(() => page.getByTestId('row-count').innerText(), EVENTUALLY).toContain('(live)');
    const rowCount = async () => Number(/^(\d+)/.exec(await page.getByTestId('row-count').innerText())?.[1] ?? 0);
    await produceRidesUntil(async () => (await rowCount()) >= 60);
    const rows = page.getByTestId('query-rows').locator('tbody tr');
    expect(await rows.count()).toBeGreaterThanOrEqual(60);
    expect(await rows.first().locator('td').first().innerText()).toMatch(/^(paris|lima|oslo)$/);
    const chart = page.getByTestId('live-chart');
    await expect.poll(() => chart.locator('canvas').count(), EVENTUALLY).toBe(1);
    expect(await chart.innerText()).toContain('FARE');
    expect(await chart.innerText()).toContain('SEATS');
  });

  it('shows a record the query could not read in the processing log', async () => {
    producer.send([{ topic: 'rides', key: Buffer.from('bad'), value: Buffer.from('{"CITY": "paris", "FARE": ') }]);
    await producer.flush();
    await expect.poll(() => page.getByTestId('processing-log').innerText(), EVENTUALLY).toContain('DESERIALIZATION_ERROR');
    expect(await page.getByTestId('processing-log').innerText()).toContain('rides[0]@');
    await page.screenshot({ path: SCREENSHOT });
  });

  it('closes the push query on the server when stopped', async () => {
    // Open now: the editor's query and the processing log's.
    expect((await engine.metrics()).pushQueriesOpen).toBe(2);
    await page.getByTestId('stop').click();
    await expect.poll(async () => (await engine.metrics()).pushQueriesOpen, EVENTUALLY).toBe(1);
    expect(await page.getByTestId('row-count').innerText()).not.toContain('(live)');
  });

  it('draws a line per group for an aggregating push query', async () => {
    await page.getByTestId('sql-editor').fill('SELECT CITY, COUNT(*) AS RIDES, MAX(FARE) AS TOP_FARE FROM RIDES GROUP BY CITY EMIT CHANGES;');
    await page.getByTestId('run').click();
    const legend = () => page.getByTestId('live-chart').innerText();
    // The GROUP BY key splits the chart: a line per city for each numeric column.
    await produceRidesUntil(async () => {
      const text = await legend().catch(() => '');
      return CITIES.every((city) => text.includes(`RIDES ${city}`) && text.includes(`TOP_FARE ${city}`));
    });
    await page.getByTestId('split-by').selectOption('');
    await expect.poll(legend, EVENTUALLY).not.toContain('TOP_FARE lima');
    expect(await legend()).toContain('TOP_FARE');
    await page.getByTestId('stop').click();
  });

  it('shows a pull query as a table, and a bad statement with the line at fault', async () => {
    const editor = page.getByTestId('sql-editor');
    await editor.fill("SELECT CITY, SEATS FROM RIDES WHERE CITY = 'oslo' LIMIT 3;");
    await page.getByTestId('run').click();
    await expect.poll(() => page.getByTestId('query-rows').locator('tbody tr').count(), EVENTUALLY).toBe(3);
    expect(await page.getByTestId('query-rows').locator('tbody').innerText()).toMatch(/^oslo/);

    await editor.fill('CREATE STREAM BROKEN AS SELECT NOPE FROM RIDES;');
    await page.getByTestId('run').click();
    await expect.poll(() => page.getByTestId('error').innerText(), EVENTUALLY).toContain('NOPE');
  });
});
