// Starts a built server listening on a host and port; returns the address it listens on.
import type { FastifyInstance } from 'fastify';

export interface ListenOptions {
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
}

export async function listen(server: FastifyInstance, options: ListenOptions): Promise<string> {
  return server.listen({ host: options.host, port: options.port });
}
