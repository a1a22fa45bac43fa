// `squall test` as a user runs it: the real command in a child process, on the repository's own
// queries/ and their test files (queries/tests/<file name>/{input,output}.json), on a deliberate
// mistake, on bad SQL and on bad arguments.
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify, stripVTControlCharacters } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../../..');
const mainScript = join(root, 'src/cli/main.ts');
const execFileAsync = promisify(execFile);

interface CommandResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function squallTest(args: readonly string[], env: Record<string, string> = {}): Promise<CommandResult> {
  try {
    const { stdout, stderr } = await execFileAsync(process.execPath, ['--import', 'tsx', mainScript, 'test', ...args], {
      cwd: root,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

let directory: string;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'squall-test-runner-'));
});

afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe("the repository's queries", async () => {
  const queryFiles = (await readdir(join(root, 'queries'))).filter((name) => name.endsWith('.sql')).sort();

  it('every query file has a test', async () => {
    const tests = await readdir(join(root, 'queries/tests'));
    expect(tests.sort()).toEqual(queryFiles.map((name) => name.replace(/\.sql$/, '')));
  });

  it.each(queryFiles)('%s passes its test', async (file) => {
    const name = file.replace(/\.sql$/, '');
    const result = await squallTest(['--sql', `queries/${file}`, '--input', `queries/tests/${name}/input.json`, '--output', `queries/tests/${name}/output.json`]);
    expect(result.stdout).toContain('>>> Test passed!');
    expect(result.code).toBe(0);
  });
});

describe('squall test', () => {
  it('shows a deliberate mistake as a coloured diff of the topic and exits 1', async () => {
    const result = await squallTest(
      ['-s', 'queries/020-orders.sql', '-i', 'queries/tests/020-orders/input.json', '-o', 'test/cli/test-runner/fixtures/020-orders-wrong-total.json'],
      { NO_COLOR: '', FORCE_COLOR: '1' },
    );
    expect(result.code).toBe(1);
    // Red for the expected line and green for the actual one, the differing word in inverse video.
    expect(result.stdout).toContain('\x1b[31m- {"key":"o-1","value":{"CUSTOMER_ID":"c-1","ITEM_COUNT":2,"TOTAL":\x1b[7m24\x1b[27m.00');
    expect(result.stdout).toContain('\x1b[32m+ {"key":"o-1","value":{"CUSTOMER_ID":"c-1","ITEM_COUNT":2,"TOTAL":\x1b[7m25\x1b[27m.00');
    expect(stripVTControlCharacters(result.stdout).split('\n')).toEqual([
      "✗ topic 'ecommerce.orders.placed.v1' (- expected, + actual)",
      '- {"key":"o-1","value":{"CUSTOMER_ID":"c-1","ITEM_COUNT":2,"TOTAL":24.00,"CURRENCY":"EUR"},"timestamp":1000}',
      '+ {"key":"o-1","value":{"CUSTOMER_ID":"c-1","ITEM_COUNT":2,"TOTAL":25.00,"CURRENCY":"EUR"},"timestamp":1000}',
      '  {"key":"o-3","value":{"CUSTOMER_ID":"c-1","ITEM_COUNT":5,"TOTAL":1250.00,"CURRENCY":"USD"},"timestamp":3000}',
      "✓ topic 'ecommerce.orders.large.v1': 1 record as expected",
      ">>> Test failed: topic 'ecommerce.orders.placed.v1', record 1: value.TOTAL: expected 24.00 but was 25.00",
      '',
    ]);
  });

  it('reports a syntax error at its line and column in the SQL file and exits 1', async () => {
    const sql = join(directory, 'broken.sql');
    await writeFile(sql, "CREATE STREAM A (K STRING KEY, V INT) WITH (KAFKA_TOPIC='a', VALUE_FORMAT='JSON', PARTITIONS=1);\n\nCREATE STREAM B AS SELECT K, V FROM A WHER V > 1;\n");
    const result = await squallTest(['--sql', sql, '--output', 'queries/tests/020-orders/output.json']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`${sql}: line 3:44: Syntax Error`);
    expect(result.stdout).toContain("Did you mean WHERE instead of 'WHER'?");
    expect(result.stdout).toContain('>>> Test failed: line 3:44: Syntax Error');
  });

  it('exits 2 naming the file that cannot be read, and the flags it lacks', async () => {
    const missing = await squallTest(['--sql', 'queries/020-orders.sql', '--output', join(directory, 'absent.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`${join(directory, 'absent.json')}: cannot be read (ENOENT)`);
    const incomplete = await squallTest(['--sql', 'queries/020-orders.sql']);
    expect(incomplete.code).toBe(2);
    expect(incomplete.stderr).toContain('squall test needs --sql and --output.');
  });
});
