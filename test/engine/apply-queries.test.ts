// queries/*.sql at start-up: applied in name order, and idempotent across restarts.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Engine, applyQueryDirectory } from '../../src/engine/index.js';
import { MemoryLog, type Log } from '../../src/runtime/index.js';

async function startEngine(log: Log): Promise<Engine> {
  const engine = new Engine(log, { serviceId: 'q_', guarantee: 'at_least_once', properties: {}, background: false, kafkaClusterId: 'memory' });
  await engine.start();
  return engine;
}

function queryDirectory(files: Record<string, string>): string {
  const directory = mkdtempSync(join(tmpdir(), 'squall-queries-'));
  for (const [name, sql] of Object.entries(files)) writeFileSync(join(directory, name), sql);
  return directory;
}

const FILES = {
  '020-derived.sql': 'CREATE STREAM BIG AS SELECT ID, V FROM BASE WHERE V > 10;\nINSERT INTO BIG SELECT ID, V FROM OTHER;',
  '010-base.sql':
    "CREATE STREAM BASE (ID STRING KEY, V INT) WITH (KAFKA_TOPIC='base', VALUE_FORMAT='JSON', PARTITIONS=1);\n" +
    "CREATE STREAM OTHER (ID STRING KEY, V INT) WITH (KAFKA_TOPIC='other', VALUE_FORMAT='JSON', PARTITIONS=1);",
};

describe('applyQueryDirectory', () => {
  it('applies files in name order', async () => {
    const engine = await startEngine(new MemoryLog({ autoCreateTopics: true }));
    const applied = await applyQueryDirectory(engine, queryDirectory(FILES));
    expect(applied.map((file) => [file.executed, file.skipped])).toEqual([
      [2, 0],
      [2, 0],
    ]);
    expect(engine.runningQueryTexts()).toHaveLength(2);
    await engine.close();
  });

  it('starts nothing twice when the same files are applied after a restart', async () => {
    const log = new MemoryLog({ autoCreateTopics: true });
    const directory = queryDirectory(FILES);
    const first = await startEngine(log);
    await applyQueryDirectory(first, directory);
    await first.close();

    const second = await startEngine(log);
    const applied = await applyQueryDirectory(second, directory);
    expect(applied.map((file) => [file.executed, file.skipped])).toEqual([
      [0, 2],
      [0, 2],
    ]);
    expect(second.runningQueryTexts()).toHaveLength(2);
    await second.close();
  });

  it('leaves a changed definition alone and says so', async () => {
    const log = new MemoryLog({ autoCreateTopics: true });
    const engine = await startEngine(log);
    await applyQueryDirectory(engine, queryDirectory(FILES));
    const changed = queryDirectory({ ...FILES, '020-derived.sql': 'CREATE STREAM BIG AS SELECT ID, V FROM BASE WHERE V > 99;' });
    const applied = await applyQueryDirectory(engine, changed);
    expect(applied[1]!.warnings[0]).toContain('BIG already exists with another definition');
    await engine.close();
  });

  it('names the file and line of a statement that fails', async () => {
    const engine = await startEngine(new MemoryLog({ autoCreateTopics: true }));
    await expect(applyQueryDirectory(engine, queryDirectory({ 'bad.sql': '\n\nCREATE STREAM X AS SELECT * FROM NOPE;' }))).rejects.toThrow(
      /bad\.sql \(line 3\): .*Source `NOPE` does not exist/,
    );
    await engine.close();
  });
});
