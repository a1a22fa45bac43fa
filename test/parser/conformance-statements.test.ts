// Parses every statement of ksqlDB's query-validation tests: all must parse, except those a case expects to fail to parse.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ParseError, parseStatements } from '../../src/parser/index.js';

const directory = fileURLToPath(new URL('../../../shared/conformance/qtt/', import.meta.url));

interface ConformanceCase {
  readonly file: string;
  readonly name: string;
  readonly statements: readonly string[];
  readonly expectedException: { readonly type?: string; readonly message?: string } | undefined;
}

/** The files hold `//` comments, which JSON does not allow: drop them, leaving strings intact. */
function stripLineComments(text: string): string {
  return text.replace(/"(?:[^"\\]|\\.)*"|\/\/[^\n]*/g, (match) => (match.startsWith('"') ? match : ''));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function exceptionOf(value: unknown): ConformanceCase['expectedException'] {
  if (!isRecord(value)) return undefined;
  const text = (field: unknown): string | undefined => (typeof field === 'string' ? field : undefined);
  return { type: text(value['type']), message: text(value['message']) };
}

function readCases(): ConformanceCase[] {
  return readdirSync(directory)
    .filter((file) => file.endsWith('.json'))
    .flatMap((file) => {
      const parsed: unknown = JSON.parse(stripLineComments(readFileSync(directory + file, 'utf8')));
      const tests = isRecord(parsed) && Array.isArray(parsed['tests']) ? parsed['tests'] : [];
      return tests.filter(isRecord).map((test) => ({
        file,
        name: String(test['name']),
        statements: (Array.isArray(test['statements']) ? test['statements'] : []).map((statement) => String(statement).replaceAll('{FORMAT}', 'JSON')),
        expectedException: exceptionOf(test['expectedException']),
      }));
    });
}

/**
 * ksqlDB raises ParseFailedException for two WITH-property checks (WINDOW_SIZE units, WINDOW_SIZE on
 * SESSION windows). Squall validates properties in the planner, so those statements must parse here.
 */
function expectsSyntaxFailure(testCase: ConformanceCase): boolean {
  const exception = testCase.expectedException;
  return exception?.type?.endsWith('ParseFailedException') === true && !(exception.message ?? '').includes('WINDOW_SIZE');
}

/** ksqlDB's engine prefixes "Failed to prepare statement: line L:C: " and counts literal columns from 2. */
function parserPartOf(message: string): string {
  return message.replace(/^Failed to prepare statement: line \d+:\d+: /, '');
}

function errorOf(action: () => unknown): unknown {
  try {
    action();
    return undefined;
  } catch (error) {
    return error;
  }
}

describe.skipIf(!existsSync(directory))('ksqlDB conformance statements', () => {
  const cases = existsSync(directory) ? readCases() : [];

  it('finds the conformance cases', () => {
    expect(cases.length).toBeGreaterThan(500);
  });

  it('parses every statement of every case that does not expect a syntax error', () => {
    const failures = cases
      .filter((testCase) => !expectsSyntaxFailure(testCase))
      .flatMap((testCase) =>
        testCase.statements.flatMap((statement) => {
          const error = errorOf(() => parseStatements(statement));
          return error === undefined ? [] : [`${testCase.file} / ${testCase.name}: ${statement}\n  ${String(error)}`];
        }),
      );
    expect(failures).toEqual([]);
  });

  it('rejects the statements of cases that expect a syntax error, with ksqlDB\'s message', () => {
    const syntaxCases = cases.filter(expectsSyntaxFailure);
    expect(syntaxCases.length).toBeGreaterThanOrEqual(9);
    for (const testCase of syntaxCases) {
      // Joined as ksqlDB's test runner does, so that line numbers count from the first statement.
      const error = errorOf(() => parseStatements(testCase.statements.join('\n')));
      expect(error, testCase.name).toBeInstanceOf(ParseError);
      expect(error instanceof Error ? error.message : '', testCase.name).toContain(parserPartOf(testCase.expectedException?.message ?? ''));
    }
  });
});
