// A streamed 200 response written chunk by chunk on the raw HTTP/1.1 or HTTP/2 response, with
// backpressure, that tells its owner when the client goes away before the end.
import type { EventEmitter } from 'node:events';
import type { FastifyReply } from 'fastify';

export interface ResponseStream {
  /** True once the client has gone or the response has ended: nothing more will be sent. */
  isClosed(): boolean;
  /** Queues a chunk, and waits when the connection is not taking more (or the client has gone). */
  write(chunk: string): Promise<void>;
  /** Sends what is queued and the last chunk, and ends the response. */
  end(chunk: string): void;
}

/** Queued chunks are sent at once past this many bytes. */
const SEND_BYTES = 16_384;

/**
 * Takes the response over from fastify (so it is not buffered or serialised) and starts a
 * 200 response of `mediaType`. `onClientGone` runs when the connection closes before `end`.
 *
 * Chunks written in one turn of the event loop go out in one socket write, sent when the turn
 * ends (or past SEND_BYTES): a pull query's header, rows and end are one write instead of one per
 * chunk, which on a busy server cost more than the query itself; a push query's rows still leave
 * within the turn they were written in.
 *
 * Chunks are written as Buffers: on Node 20 an HTTP/2 response given several strings in a row
 * can send garbage for the later ones (seen on 20.20), while Buffers arrive intact.
 */
export function openResponseStream(reply: FastifyReply, mediaType: string, onClientGone: () => void): ResponseStream {
  reply.hijack();
  const response = reply.raw;
  let ended = false;
  let closed = false;
  let queued: Buffer[] = [];
  let queuedBytes = 0;
  let sendScheduled = false;
  /** Set while the connection holds more than it wants: writers wait for it to drain. */
  let full: Promise<void> | undefined;
  response.on('close', () => {
    closed = true;
    queued = [];
    if (!ended) onClientGone();
  });
  if (isConnectionGone(response)) {
    // The client left while the query was starting, before 'close' had a listener.
    closed = true;
    onClientGone();
  } else {
    response.writeHead(200, { 'content-type': mediaType });
  }
  const takeQueued = (): Buffer => {
    const data = queued.length === 1 ? queued[0]! : Buffer.concat(queued, queuedBytes);
    queued = [];
    queuedBytes = 0;
    return data;
  };
  const send = (): void => {
    sendScheduled = false;
    if (closed || ended || queuedBytes === 0) return;
    if (!response.write(takeQueued())) {
      full = drainOrClose(response).then(() => {
        full = undefined;
      });
    }
  };
  return {
    isClosed: () => closed || ended,
    async write(chunk: string): Promise<void> {
      if (full !== undefined) await full;
      if (closed || ended || chunk === '') return;
      const data = Buffer.from(chunk);
      queued.push(data);
      queuedBytes += data.length;
      if (queuedBytes >= SEND_BYTES) {
        send();
      } else if (!sendScheduled) {
        sendScheduled = true;
        setImmediate(send);
      }
    },
    end(chunk: string): void {
      if (closed || ended) return;
      queued.push(Buffer.from(chunk));
      queuedBytes += queued[queued.length - 1]!.length;
      ended = true;
      response.end(takeQueued());
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
