// Sends a plain JSON response: exact JSON text, in the JSON flavour the client speaks.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { toJsonText } from './json-text.js';
import { jsonMediaType } from './media-types.js';

export function sendJson(request: FastifyRequest, reply: FastifyReply, body: unknown): FastifyReply {
  return reply.type(jsonMediaType(request)).send(toJsonText(body));
}
