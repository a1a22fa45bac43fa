// POST /inserts-stream: the first body line names the target stream, each following line is
// a JSON row; each row is acknowledged as it is inserted, delimited or as one JSON array.
import { createInterface, type Interface } from 'node:readline';
import { Readable } from 'node:stream';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { EngineApi, InsertSink } from '../../engine/api.js';
import { streamedErrorBody, type ErrorBody } from '../error-handler.js';
import { parseInsertRow } from '../insert-rows.js';
import { toJsonText } from '../json-text.js';
import { chooseMediaType, DELIMITED, PLAIN_JSON } from '../media-types.js';
import { openResponseStream, type ResponseStream } from '../response-stream.js';
import { RestError } from '../rest-error.js';

/** How acks are framed: one per line (delimited) or as the elements of one JSON array. */
interface AckFraming {
  readonly mediaType: string;
  readonly open: string;
  readonly separator: string;
  readonly terminator: string;
  readonly close: string;
}

const FRAMINGS: Readonly<Record<typeof DELIMITED | typeof PLAIN_JSON, AckFraming>> = {
  [DELIMITED]: { mediaType: DELIMITED, open: '', separator: '', terminator: '\n', close: '' },
  [PLAIN_JSON]: { mediaType: PLAIN_JSON, open: '[', separator: ',', terminator: '', close: ']' },
};

const INVALID_ROW_MESSAGE = 'Invalid JSON in inserts stream';

export function insertsStreamRoutes(engine: EngineApi): FastifyPluginAsync {
  return async (app) => {
    // The body is read line by line as it arrives, so it is handed over unparsed, whatever its type.
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', (_request, payload, done) => done(null, payload));

    app.post('/inserts-stream', async (request, reply) => {
      const reader = createInterface({ input: request.body instanceof Readable ? request.body : Readable.from([]), crlfDelay: Infinity });
      const lines = nonEmptyLines(reader);
      const sink = await openSink(engine, lines).catch((error: unknown) => {
        reader.close();
        throw error;
      });
      const framing = FRAMINGS[chooseMediaType(request, [DELIMITED, PLAIN_JSON], DELIMITED)];
      // Closing the reader ends `lines` even while it waits for a line that will never come.
      const output = openResponseStream(reply, framing.mediaType, () => reader.close());
      await insertRows(request, output, lines, sink, framing);
    });
  };
}

async function* nonEmptyLines(reader: Interface): AsyncGenerator<string> {
  for await (const line of reader) {
    if (line.trim() !== '') yield line;
  }
}

/** Opens the sink into the target named by the first line. */
async function openSink(engine: EngineApi, lines: AsyncIterator<string>): Promise<InsertSink> {
  return engine.openInsertSink(await readTarget(lines));
}

/** The target of the first line, `{"target": "S", "properties": {}}`. */
async function readTarget(lines: AsyncIterator<string>): Promise<string> {
  const first = await lines.next();
  if (first.done === true) throw RestError.badRequest('Missing inserts stream arguments: the first line must name the target stream');
  const args = parseInsertRow(first.value);
  if (args === undefined) throw RestError.badRequest('Invalid JSON in inserts stream arguments');
  const { target } = args;
  if (typeof target !== 'string' || target === '') throw RestError.badRequest('No target in inserts stream arguments');
  return target;
}

/**
 * Inserts each row and acknowledges it. A line that is not a JSON object ends the stream (the
 * framing can no longer be trusted); a row the engine rejects gets an error ack
 * and the rows after it still go in.
 */
async function insertRows(
  request: FastifyRequest,
  output: ResponseStream,
  lines: AsyncGenerator<string>,
  sink: InsertSink,
  framing: AckFraming,
): Promise<void> {
  const acks = new AckWriter(output, framing.separator, framing.terminator);
  try {
    await output.write(framing.open);
    for await (const line of lines) {
      if (output.isClosed()) break;
      const row = parseInsertRow(line);
      if (row === undefined) {
        await acks.write(errorAck(acks.sequence, { '@type': 'generic_error', error_code: 40000, message: INVALID_ROW_MESSAGE }));
        break;
      }
      await acks.write(await insertRow(request, sink, row, acks.sequence));
    }
  } finally {
    try {
      await sink.close();
    } finally {
      output.end(framing.close);
    }
  }
}

async function insertRow(request: FastifyRequest, sink: InsertSink, row: Readonly<Record<string, unknown>>, sequence: number): Promise<string> {
  try {
    await sink.insert(row);
    return toJsonText({ status: 'ok', seq: sequence });
  } catch (error) {
    return errorAck(sequence, streamedErrorBody(error, request));
  }
}

/** `{"@type":"generic_error","status":"error","seq":N,"error_code":40000,"message":"..."}` */
function errorAck(sequence: number, body: ErrorBody): string {
  return toJsonText({ '@type': body['@type'], status: 'error', seq: sequence, error_code: body.error_code, message: body.message });
}

/** Writes acks in their framing and counts rows, so that `sequence` is the next row's 0-based index. */
class AckWriter {
  sequence = 0;
  private readonly output: ResponseStream;
  private readonly separator: string;
  private readonly terminator: string;

  constructor(output: ResponseStream, separator: string, terminator: string) {
    this.output = output;
    this.separator = separator;
    this.terminator = terminator;
  }

  async write(ack: string): Promise<void> {
    const prefix = this.sequence === 0 ? '' : this.separator;
    this.sequence += 1;
    await this.output.write(`${prefix}${ack}${this.terminator}`);
  }
}
