// One port serving HTTP/1.1 and cleartext HTTP/2 (h2c with prior knowledge), as ksqlDB does:
// each new connection is routed by its first bytes, since Node's http2 server cannot fall back
// to HTTP/1.1 without TLS (ALPN).
import http from 'node:http';
import http2 from 'node:http2';
import type { Socket } from 'node:net';
import type { FastifyServerFactoryHandler } from 'fastify';

/** Every HTTP/2 connection opens with this preface (RFC 9113 §3.4). */
const HTTP2_PREFACE = Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n');

/**
 * An http.Server (so that fastify listens, closes and tracks HTTP/1.1 connections as usual) whose
 * connections starting with the HTTP/2 preface are handed to an http2 server instead. Both serve
 * fastify's handler; fastify checks the HTTP version of each request, as it does with `http2: true`.
 * `closeHttp2Sessions` is fastify's hook to drop HTTP/2 sessions (and connections not yet routed) on close.
 */
export function createCleartextServer(handler: FastifyServerFactoryHandler): http.Server {
  const server = http.createServer(handler);
  const http2Server = http2.createServer();
  http2Server.on('request', (request, response) => Reflect.apply(handler, undefined, [request, response]));

  const sessions = new Set<http2.Http2Session>();
  http2Server.on('session', (session) => {
    sessions.add(session);
    session.once('close', () => sessions.delete(session));
  });
  const unrouted = new Set<Socket>();

  const http1Listeners = server.listeners('connection');
  server.removeAllListeners('connection');
  server.on('connection', (socket: Socket) => {
    unrouted.add(socket);
    socket.once('close', () => unrouted.delete(socket));
    routeByPreface(socket, (isHttp2) => {
      unrouted.delete(socket);
      if (isHttp2) http2Server.emit('connection', socket);
      else for (const listener of http1Listeners) Reflect.apply(listener, server, [socket]);
    });
  });

  return Object.assign(server, {
    closeHttp2Sessions(): void {
      for (const session of sessions) session.destroy();
      for (const socket of unrouted) socket.destroy();
    },
  });
}

/**
 * Reads until the first bytes either diverge from the HTTP/2 preface or complete it, then puts
 * them back on the socket and hands it on, paused for HTTP/2 (whose session reads the buffered
 * bytes itself) and flowing for HTTP/1.1.
 */
function routeByPreface(socket: Socket, route: (isHttp2: boolean) => void): void {
  let received = Buffer.alloc(0);
  const onError = (): void => {
    socket.destroy();
  };
  const onData = (chunk: Buffer): void => {
    received = Buffer.concat([received, chunk]);
    const compared = Math.min(received.length, HTTP2_PREFACE.length);
    const matchesPreface = received.subarray(0, compared).equals(HTTP2_PREFACE.subarray(0, compared));
    if (matchesPreface && received.length < HTTP2_PREFACE.length) return;
    socket.removeListener('data', onData);
    socket.removeListener('error', onError);
    socket.removeListener('end', onError);
    socket.pause();
    socket.unshift(received);
    route(matchesPreface);
    if (!matchesPreface) socket.resume();
  };
  socket.on('data', onData);
  // A connection that fails or ends before saying anything is simply dropped.
  socket.on('error', onError);
  socket.on('end', onError);
}
