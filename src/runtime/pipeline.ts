// Builds a query's processor chain (source reader → steps → terminal) and runs records through
// it, turning every per-record failure into a processing-log entry instead of an exception.
import type { QueryPlan, Step } from '../planner/index.js';
import type { LogRecord } from './log/index.js';
import type { ProcessingErrorKind, ProcessingLog } from './processing-log.js';
import type { Downstream, RecordErrorReporter } from './processors/downstream.js';
import { createFilter } from './processors/filter.js';
import { createProject } from './processors/project.js';
import { createRecordReader } from './processors/source.js';
import { InvalidTimestampError } from './processors/timestamps.js';
import { createTableFunctions } from './processors/table-functions.js';

/** Processes one record synchronously; throws for bad data only where the query is set to stop on it. */
export type RecordProcessor = (record: LogRecord) => void;

export function buildRecordProcessor(plan: QueryPlan, terminal: Downstream, processingLog: ProcessingLog): RecordProcessor {
  let current: LogRecord | undefined;
  const report = (kind: ProcessingErrorKind, message: string) => {
    processingLog.write({
      queryId: plan.queryId,
      kind,
      message,
      topic: current?.topic ?? plan.source.topic,
      partition: current?.partition ?? -1,
      offset: current?.offset ?? -1,
      time: Date.now(),
    });
  };
  const errors: RecordErrorReporter = { recordError: (message) => report('RECORD_PROCESSING_ERROR', message) };
  const isTable = plan.source.sourceType === 'TABLE';
  const head = plan.steps.reduceRight<Downstream>(
    (downstream, step) => createStep(step, isTable, downstream, errors),
    terminal,
  );
  const read = createRecordReader(plan.source);
  return (record) => {
    current = record;
    let deserialized;
    try {
      deserialized = read(record);
    } catch (error) {
      if (error instanceof InvalidTimestampError && plan.source.failOnInvalidTimestamp) {
        throw new Error(
          `Fatal user code error in TimestampExtractor callback for record ${record.topic}-${record.partition}@${record.offset}: ${error.message}`,
        );
      }
      report('DESERIALIZATION_ERROR', `Failed to deserialize record from topic ${record.topic}: ${(error as Error).message}`);
      return;
    }
    try {
      head(deserialized.row, deserialized.timestamp, deserialized.tombstone);
    } catch (error) {
      report('RECORD_PROCESSING_ERROR', (error as Error).message);
    }
  };
}

function createStep(step: Step, isTable: boolean, downstream: Downstream, errors: RecordErrorReporter): Downstream {
  switch (step.kind) {
    case 'Filter':
      return createFilter(step, isTable, downstream, errors);
    case 'Project':
      return createProject(step, downstream, errors);
    case 'TableFunctions':
      return createTableFunctions(step, downstream, errors);
  }
}
