// The source of a query: deserialises a Kafka record into a row laid out as the planner expects
// (keys, values, headers, ROWTIME, ROWPARTITION, ROWOFFSET[, WINDOWSTART, WINDOWEND]).
import type { Column, SourceStep } from '../../planner/index.js';
import type { LogRecord } from '../log/index.js';
import { createRowSerde, createWindowedKeySerde, type RowSerde, type WindowedKeySerde } from '../serde/index.js';
import type { RecordReader } from '../topology/topology.js';
import { timestampToMillis } from './timestamps.js';

/** Turns records into changes; throws (SerdeError, InvalidTimestampError) for a record that cannot be read. */
export function createRecordReader(step: SourceStep): RecordReader {
  const keySerde = createRowSerde(step.keyFormat.format, 'key', step.keyColumns, step.keyFormat);
  const windowedKeySerde: WindowedKeySerde | undefined =
    step.window === undefined ? undefined : createWindowedKeySerde(keySerde, step.window.type, step.window.sizeMs);
  const valueSerde: RowSerde = createRowSerde(step.valueFormat.format, 'value', step.valueColumns, step.valueFormat);
  const keyCount = step.keyColumns.length;
  const valueCount = step.valueColumns.length;
  const readHeaders = headerReaders(step.headerColumns);
  const pseudoStart = keyCount + valueCount + step.headerColumns.length;
  const width = step.rowWidth;
  const timestampIndex = step.timestampColumnIndex;
  const timestampFormat = step.timestampFormat;

  return (record: LogRecord) => {
    const row = new Array<unknown>(width);
    let window: { start: number; end: number } | undefined;
    let keyValues: unknown[] | null;
    if (windowedKeySerde !== undefined) {
      const windowed = windowedKeySerde.deserialize(record.key);
      keyValues = windowed.values;
      window = windowed.window;
    } else {
      keyValues = keyCount === 0 ? null : keySerde.deserialize(record.key);
    }
    for (let index = 0; index < keyCount; index++) row[index] = keyValues === null ? null : (keyValues[index] ?? null);
    const values = valueSerde.deserialize(record.value);
    const tombstone = values === null;
    for (let index = 0; index < valueCount; index++) row[keyCount + index] = values === null ? null : (values[index] ?? null);
    for (let index = 0; index < readHeaders.length; index++) row[keyCount + valueCount + index] = readHeaders[index]!(record);
    let timestamp = record.timestamp;
    if (timestampIndex !== undefined && !tombstone) {
      timestamp = timestampToMillis(row[timestampIndex], timestampFormat);
    }
    // ksqlDB keeps ROWTIME, ROWPARTITION and ROWOFFSET with the value: a record without one has them NULL.
    row[pseudoStart] = tombstone ? null : BigInt(timestamp);
    row[pseudoStart + 1] = tombstone ? null : record.partition;
    row[pseudoStart + 2] = tombstone ? null : BigInt(record.offset);
    if (window !== undefined) {
      row[pseudoStart + 3] = BigInt(window.start);
      row[pseudoStart + 4] = BigInt(window.end);
    }
    return { row, oldRow: null, timestampMs: timestamp, isDelete: tombstone };
  };
}

function headerReaders(columns: readonly Column[]): ((record: LogRecord) => unknown)[] {
  return columns.map((column) => {
    const headerKey = column.headerKey;
    if (headerKey === undefined) {
      return (record: LogRecord) => record.headers.map((header) => ({ KEY: header.key, VALUE: header.value }));
    }
    return (record: LogRecord) => {
      for (let index = record.headers.length - 1; index >= 0; index--) {
        const header = record.headers[index]!;
        if (header.key === headerKey) return header.value;
      }
      return null;
    };
  });
}
