// `squall test`: ksqlDB's ksql-test-runner for Squall. Runs a SQL file on the in-memory Log with
// the input records of one file and checks the outputs against another; exits 0 when they match,
// 1 when the test fails (a mismatch or a statement that fails), 2 when it cannot run as asked.
import { parseArgs } from 'node:util';
import { loadFunctionDirectory } from '../../engine/index.js';
import { ConfigError } from '../config.js';
import { compareOutputs } from './compare-outputs.js';
import { renderComparisons, renderProcessingErrors, renderVerdict } from './render-report.js';
import { runStatements } from './run-statements.js';
import { readTestFile, readTestRecords, TestFileError, type TestRecord } from './test-files.js';

export const TEST_USAGE = `squall test --sql FILE.sql [--input in.json] --output expected.json [--functions-dir DIR]
                                      run FILE.sql offline on the in-memory Log and compare its outputs
                                      (ksql-test-runner's files; -s/-i/-o and --sql-file/--input-file/--output-file also work)`;

interface TestArguments {
  readonly sqlFile: string;
  readonly inputFile: string | undefined;
  readonly outputFile: string;
  readonly functionsDir: { readonly path: string; readonly required: boolean };
}

/** The exit code: 0 passed, 1 failed; throws a ConfigError (exit 2) for bad arguments and unreadable files. */
export async function runTestCommand(args: readonly string[], print: (line: string) => void = console.log): Promise<number> {
  const options = testArguments(args);
  let sql: string;
  let inputs: TestRecord[];
  let expected: TestRecord[];
  try {
    sql = await readTestFile(options.sqlFile);
    inputs = options.inputFile === undefined ? [] : await readTestRecords(options.inputFile, 'inputs');
    expected = await readTestRecords(options.outputFile, 'outputs');
  } catch (error) {
    throw error instanceof TestFileError ? new ConfigError(error.message) : error;
  }
  const functions = await loadFunctionDirectory(options.functionsDir.path, { required: options.functionsDir.required });
  const outputTopics = [...new Set(expected.map((record) => record.topic))];
  const outcome = await runStatements({ sql, inputs, outputTopics, functions });
  if (outcome.kind === 'failed') {
    print(`${options.sqlFile}: ${outcome.message}`);
    print(renderVerdict(firstLine(outcome.message)));
    return 1;
  }
  const comparisons = compareOutputs(expected, outcome.outputs);
  for (const line of [...renderProcessingErrors(outcome.processingErrors), ...renderComparisons(comparisons)]) print(line);
  const firstMismatch = comparisons.find((comparison) => comparison.mismatch !== undefined)?.mismatch;
  print(renderVerdict(firstMismatch));
  return firstMismatch === undefined ? 0 : 1;
}

function testArguments(args: readonly string[]): TestArguments {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        sql: { type: 'string', short: 's' },
        'sql-file': { type: 'string' },
        input: { type: 'string', short: 'i' },
        'input-file': { type: 'string' },
        output: { type: 'string', short: 'o' },
        'output-file': { type: 'string' },
        'functions-dir': { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new ConfigError(`${(error as Error).message}\nUsage: ${TEST_USAGE}`);
  }
  const sqlFile = values.sql ?? values['sql-file'];
  const outputFile = values.output ?? values['output-file'];
  if (sqlFile === undefined || outputFile === undefined) throw new ConfigError(`squall test needs --sql and --output.\nUsage: ${TEST_USAGE}`);
  const functionsDir = values['functions-dir'];
  return {
    sqlFile,
    inputFile: values.input ?? values['input-file'],
    outputFile,
    functionsDir: functionsDir === undefined ? { path: 'functions', required: false } : { path: functionsDir, required: true },
  };
}

function firstLine(message: string): string {
  return message.split('\n', 1)[0] ?? message;
}
