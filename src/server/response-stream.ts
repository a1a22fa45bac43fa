// A streamed 200 response written chunk by chunk on the raw HTTP/1.1 or HTTP/2 response, with
// backpressure, that tells its owner when the client goes away before the end.
import type { EventEmitter } from 'node:events';
import type { FastifyReply } from 'fastify';

export interface ResponseStream {
  /** True once the client has gone or the response has ended: nothing more will be sent. */
  isClosed(): boolean;
  /** Writes a chunk now and waits until the connection takes more (or the client has gone). */
  write(chunk: string): Promise<void>;
  /** Writes the last chunk and ends the response. */
  end(chunk: string): void;
}

/**
 * Takes the response over from fastify (so it is not buffered or serialised) and starts a
 * 200 response of `mediaType`. `onClientGone` runs when the connection closes before `end`.
 *
 * Chunks are written as Buffers: on Node 20 an HTTP/2 response given several strings in a row
 * can send garbage for the later ones (seen on 20.20), while Buffers arrive intact.
 */
export function openResponseStream(reply: FastifyReply, mediaType: string, onClientGone: () => void): ResponseStream {
  reply.hijack();
  const response = reply.raw;
  let ended = false;
  let closed = false;
  response.on('close', () => {
    closed = true;
    if (!ended) onClientGone();
  });
  if (isConnectionGone(response)) {
    // The client left while the query was starting, before 'close' had a listener.
    closed = true;
    onClientGone();
  } else {
    response.writeHead(200, { 'content-type': mediaType });
  }
  return {
    isClosed: () => closed || ended,
    async write(chunk: string): Promise<void> {
      if (closed || ended || chunk === '') return;
      if (!response.write(Buffer.from(chunk))) await drainOrClose(response);
    },
    end(chunk: string): void {
      if (closed || ended) return;
      ended = true;
      response.end(Buffer.from(chunk));
    },
  };
}

/** Resolves at the first 'drain' or 'close', leaving no listener behind. */
function drainOrClose(response: EventEmitter): Promise<void> {
  return new Promise((resolve) => {
    const settle = (): void => {
      response.off('drain', settle);
      response.off('close', settle);
      resolve();
    };
    response.on('drain', settle);
    response.on('close', settle);
  });
}

/**
 * Whether the client has already gone: an HTTP/1.1 response is then destroyed; an HTTP/2
 * compatibility response says so only through its stream.
 */
function isConnectionGone(response: object): boolean {
  if ('destroyed' in response && response.destroyed === true) return true;
  const stream = 'stream' in response ? response.stream : undefined;
  return typeof stream === 'object' && stream !== null && 'destroyed' in stream && stream.destroyed === true;
}
