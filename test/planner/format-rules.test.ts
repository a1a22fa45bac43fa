// checkFormat: ksqlDB's messages for schemas and options a key or value format cannot hold.
import { describe, expect, it } from 'vitest';
import { PlanError, SqlTypes, type FormatInfo, type FormatName } from '../../src/planner/index.js';
import { checkFormat, checkSourceFormats, type FormatColumn, type FormatRole } from '../../src/planner/format-rules.js';

const column = (name: string, type = SqlTypes.INTEGER): FormatColumn => ({ name, type });

function check(format: FormatName, role: FormatRole, columns: readonly FormatColumn[], options: Omit<FormatInfo, 'format'>): void {
  checkFormat({ format, ...options }, role, columns, undefined);
}

function messageOf(action: () => void): string {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(PlanError);
    expect((error as PlanError).code).toBe('PLAN_ERROR');
    return (error as Error).message;
  }
  throw new Error('expected a PLAN_ERROR');
}

describe('checkFormat', () => {
  it('rejects a KAFKA key with several columns', () => {
    expect(messageOf(() => check('KAFKA', 'key', [column('F1'), column('F2')], {}))).toBe(
      'Key format does not support schema.\nformat: KAFKA\n' +
        'schema: Persistence{columns=[`F1` INTEGER KEY, `F2` INTEGER KEY], features=[]}\n' +
        "reason: The 'KAFKA' format only supports a single field. Got: [`F1` INTEGER KEY, `F2` INTEGER KEY]",
    );
  });

  it('rejects KAFKA types without a Kafka serde', () => {
    expect(messageOf(() => check('KAFKA', 'key', [column('KEY', SqlTypes.decimal(2, 1))], {}))).toBe(
      'Key format does not support schema.\nformat: KAFKA\n' +
        'schema: Persistence{columns=[`KEY` DECIMAL(2, 1) KEY], features=[]}\n' +
        "reason: The 'KAFKA' format does not support type 'DECIMAL'",
    );
    for (const type of [SqlTypes.BOOLEAN, SqlTypes.TIMESTAMP, SqlTypes.array(SqlTypes.INTEGER), SqlTypes.struct([])]) {
      expect(messageOf(() => check('KAFKA', 'value', [column('V', type)], {}))).toContain(
        `The 'KAFKA' format does not support type '${type.kind}'`,
      );
    }
  });

  it('accepts the KAFKA primitives', () => {
    for (const type of [SqlTypes.INTEGER, SqlTypes.BIGINT, SqlTypes.DOUBLE, SqlTypes.STRING, SqlTypes.BYTES]) {
      expect(() => check('KAFKA', 'value', [column('V', type)], {})).not.toThrow();
    }
  });

  it('rejects nested types in DELIMITED, naming the column', () => {
    expect(messageOf(() => check('DELIMITED', 'key', [column('K', SqlTypes.array(SqlTypes.DOUBLE))], {}))).toBe(
      'Key format does not support schema.\nformat: DELIMITED\n' +
        'schema: Persistence{columns=[`K` ARRAY<DOUBLE> KEY], features=[]}\n' +
        "reason: The 'DELIMITED' format does not support type 'ARRAY', column: `K`",
    );
    expect(messageOf(() => check('DELIMITED', 'value', [column('FOO', SqlTypes.map(SqlTypes.STRING, SqlTypes.INTEGER))], {}))).toContain(
      "The 'DELIMITED' format does not support type 'MAP'",
    );
  });

  it('rejects maps in key columns, whatever the format', () => {
    expect(messageOf(() => check('DELIMITED', 'key', [column('K', SqlTypes.map(SqlTypes.STRING, SqlTypes.DOUBLE))], {}))).toBe(
      'Map keys, including types that contain maps, are not supported as they may lead to unexpected behavior due to ' +
        'inconsistent serialization. Key column name: `K`. Column type: MAP<STRING, DOUBLE>. ' +
        'See https://github.com/confluentinc/ksql/issues/6621 for more.',
    );
    expect(
      messageOf(() => check('JSON', 'key', [column('K', SqlTypes.array(SqlTypes.map(SqlTypes.INTEGER, SqlTypes.DOUBLE)))], {})),
    ).toContain('Column type: ARRAY<MAP<INTEGER, DOUBLE>>.');
  });

  it('rejects JSON maps whose keys are not strings', () => {
    expect(messageOf(() => check('JSON', 'value', [column('FOO', SqlTypes.map(SqlTypes.INTEGER, SqlTypes.DOUBLE))], {}))).toContain(
      'JSON only supports MAP types with STRING keys',
    );
  });

  it('rejects WRAP_SINGLE_VALUE=true on formats that are never wrapped', () => {
    expect(messageOf(() => check('DELIMITED', 'value', [column('FOO')], { wrapSingleValue: true }))).toBe(
      "Format 'DELIMITED' does not support 'WRAP_SINGLE_VALUE' set to 'true'.",
    );
    expect(messageOf(() => check('KAFKA', 'value', [column('FOO')], { wrapSingleValue: true }))).toBe(
      "Format 'KAFKA' does not support 'WRAP_SINGLE_VALUE' set to 'true'.",
    );
    expect(() => check('DELIMITED', 'value', [column('FOO')], { wrapSingleValue: false })).not.toThrow();
  });

  it('rejects a delimiter on formats other than DELIMITED', () => {
    expect(messageOf(() => check('JSON', 'value', [column('FOO')], { delimiter: '|' }))).toBe(
      'JSON does not support the following configs: [delimiter]',
    );
  });

  it('rejects NONE with columns', () => {
    expect(messageOf(() => check('NONE', 'key', [column('K', SqlTypes.STRING)], {}))).toBe(
      "The 'NONE' format can only be used when no columns are defined. Got: [`K` STRING KEY]",
    );
    expect(messageOf(() => check('NONE', 'value', [column('FOO')], {}))).toBe(
      "The 'NONE' format can only be used when no columns are defined. Got: [`FOO` INTEGER]",
    );
  });

  it('names the wrapping feature of a rejected single value column', () => {
    expect(messageOf(() => check('JSON', 'value', [column('M', SqlTypes.map(SqlTypes.BIGINT, SqlTypes.STRING))], { wrapSingleValue: false }))).toContain(
      'features=[UNWRAP_SINGLES]',
    );
  });
});

describe('checkSourceFormats', () => {
  it('checks KEY columns against the key format and VALUE columns against the value format', () => {
    const source = {
      name: 'S',
      sourceType: 'STREAM' as const,
      columns: [
        { name: 'K', type: SqlTypes.STRING, namespace: 'KEY' as const },
        { name: 'A', type: SqlTypes.INTEGER, namespace: 'VALUE' as const },
        { name: 'B', type: SqlTypes.INTEGER, namespace: 'VALUE' as const },
      ],
      topic: 's',
      keyFormat: { format: 'KAFKA' as const },
      valueFormat: { format: 'KAFKA' as const, wrapSingleValue: false },
      timestamp: undefined,
      window: undefined,
      isSource: false,
      isSink: false,
      statementText: '',
    };
    expect(messageOf(() => checkSourceFormats(source, undefined))).toBe(
      'Value format does not support schema.\nformat: KAFKA\n' +
        'schema: Persistence{columns=[`A` INTEGER, `B` INTEGER], features=[]}\n' +
        "reason: The 'KAFKA' format only supports a single field. Got: [`A` INTEGER, `B` INTEGER]",
    );
    expect(() => checkSourceFormats({ ...source, valueFormat: { format: 'JSON', wrapSingleValue: true } }, undefined)).not.toThrow();
  });
});
