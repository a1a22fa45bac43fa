// User-defined functions loaded from a directory as a user writes them: the repository's
// examples/functions (a scalar and an aggregate) run in a persistent query; a directory with a
// broken module, a bad signature and a name clash is refused with every problem named.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Engine, FunctionLoadError, loadFunctionDirectory } from '../../src/engine/index.js';
import { MemoryLog } from '../../src/runtime/index.js';
import { pull } from './memory-engine.js';

describe('user-defined functions from a directory', () => {
  it('runs the example scalar and aggregate functions in a query', async () => {
    const functions = await loadFunctionDirectory('examples/functions', { required: true });
    expect(functions.map((definition) => definition.name).sort()).toEqual(['LONGEST', 'TITLE_CASE']);
    const log = new MemoryLog({ autoCreateTopics: true });
    const engine = new Engine(log, { serviceId: 'udf_', guarantee: 'exactly_once_v2', properties: {}, background: false, kafkaClusterId: 'memory', instanceId: 'i1', functions });
    await engine.start();
    await engine.execute({
      sql: `CREATE STREAM PEOPLE (ID STRING KEY, TEAM STRING, NAME STRING) WITH (KAFKA_TOPIC='people', VALUE_FORMAT='JSON', PARTITIONS=2);
            CREATE TABLE TEAMS AS SELECT TEAM, LONGEST(TITLE_CASE(NAME)) AS NAME FROM PEOPLE GROUP BY TEAM;`,
    });
    const producer = await log.producer();
    const people = [['a', 'red', 'ann lee'], ['b', 'red', 'bob MARTINEZ'], ['c', 'blue', 'cy'], ['d', 'blue', null]];
    producer.send(people.map(([id, team, name], index) => ({ topic: 'people', key: Buffer.from(id!), value: Buffer.from(JSON.stringify({ TEAM: team, NAME: name })), timestamp: 1000 + index })));
    await producer.flush();
    await producer.close();
    await engine.drain();
    expect((await pull(engine, 'SELECT TEAM, NAME FROM TEAMS;')).sort()).toEqual([['blue', 'Cy'], ['red', 'Bob Martinez']]);
    const described = await engine.execute({ sql: 'DESCRIBE FUNCTION TITLE_CASE;' });
    expect(JSON.stringify(described)).toContain('Capitalises the first letter');
    await engine.close();
  });

  it('refuses a directory with broken modules, naming each file and problem', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'squall-udf-'));
    writeFileSync(join(directory, 'a-syntax.js'), 'export default {');
    writeFileSync(join(directory, 'b-signature.js'), "export default { name: 'BAD_SIG', kind: 'scalar', description: 'x', signatures: [{ params: ['NOT_A_TYPE'], returns: 'INT' }], run: () => 1 };");
    writeFileSync(join(directory, 'c-clash.js'), "export default { name: 'UCASE', kind: 'scalar', description: 'x', signatures: [{ params: ['STRING'], returns: 'STRING' }], run: (s) => s };");
    const failure = await loadFunctionDirectory(directory, { required: true }).then(() => undefined, (error: unknown) => error);
    expect(failure).toBeInstanceOf(FunctionLoadError);
    const problems = (failure as FunctionLoadError).problems;
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/a-syntax\.js: the module failed to load/);
    expect(problems[1]).toMatch(/b-signature\.js: .*NOT_A_TYPE/);
    expect(problems[2]).toMatch(/c-clash\.js: UCASE clashes with the built-in function UCASE/);
    await expect(loadFunctionDirectory(join(directory, 'missing'), { required: true })).rejects.toThrow(/does not exist/);
    await expect(loadFunctionDirectory(join(directory, 'missing'), { required: false })).resolves.toEqual([]);
  });
});
