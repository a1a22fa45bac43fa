// Streams a running query to the client in one wire format, row by row as the engine yields
// them, and stops the query when the client disconnects.
import type { FastifyReply } from 'fastify';
import type { QueryEvent, QueryStream } from '../engine/api.js';
import { streamedErrorBody } from './error-handler.js';
import type { QueryFormat } from './query-formats.js';
import { openResponseStream, type ResponseStream } from './response-stream.js';

export async function streamQuery(reply: FastifyReply, query: QueryStream, format: QueryFormat): Promise<void> {
  const output = openResponseStream(reply, format.mediaType, () => query.close());
  try {
    await output.write(format.start(query));
    for await (const event of query.events) {
      if (output.isClosed()) break;
      if (event.kind === 'error') {
        endWithError(reply, output, format, event.error);
        return;
      }
      await output.write(eventText(format, query, event));
    }
    output.end(format.end(query.finalMessage()));
  } catch (error) {
    endWithError(reply, output, format, error);
  } finally {
    query.close();
  }
}

/** The error is the stream's last element: the query has stopped, so there is no final message. */
function endWithError(reply: FastifyReply, output: ResponseStream, format: QueryFormat, error: unknown): void {
  output.end(format.error(streamedErrorBody(error, reply.request)) + format.end(undefined));
}

function eventText(format: QueryFormat, query: QueryStream, event: Exclude<QueryEvent, { kind: 'error' }>): string {
  return event.kind === 'row' ? format.row(query, event.values) : format.tombstone(query, event.values);
}
