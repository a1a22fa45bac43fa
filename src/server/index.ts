// The REST server's public API: build a fastify server around an engine, then listen.
export { buildServer, type ServerOptions } from './build-server.js';
export { listen, type ListenOptions } from './listen.js';
