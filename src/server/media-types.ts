// The media types ksqlDB speaks, and the choice of one from a request's Accept header.
import type { FastifyRequest } from 'fastify';

export const KSQL_JSON = 'application/vnd.ksql.v1+json';
export const PLAIN_JSON = 'application/json';
export const DELIMITED = 'application/vnd.ksqlapi.delimited.v1';
export const KSQL_PROTOBUF = 'application/vnd.ksql.v1+protobuf';

/**
 * The first of `supported` the client accepts, by descending `q`; `fallback` when the header is
 * absent, accepts anything, or names nothing supported (ksqlDB answers in its default then too).
 */
export function chooseMediaType<Type extends string>(request: FastifyRequest, supported: readonly Type[], fallback: Type): Type {
  const accepted = acceptedMediaTypes(request.headers.accept);
  for (const mediaType of accepted) {
    if (mediaType === '*/*') return fallback;
    const match = supported.find((candidate) => candidate === mediaType);
    if (match !== undefined) return match;
  }
  return fallback;
}

/** The JSON flavour of a plain JSON response: ksqlDB's own when the client sent or asked for it. */
export function jsonMediaType(request: FastifyRequest): string {
  const sentKsqlJson = (request.headers['content-type'] ?? '').toLowerCase().startsWith(KSQL_JSON);
  const fallback = sentKsqlJson ? KSQL_JSON : PLAIN_JSON;
  return chooseMediaType(request, [KSQL_JSON, PLAIN_JSON], fallback);
}

/** Media types of an Accept header, most preferred first, without parameters. */
function acceptedMediaTypes(header: string | undefined): string[] {
  if (header === undefined) return [];
  return header
    .split(',')
    .map((entry, position) => {
      const [mediaType = '', ...parameters] = entry.split(';').map((part) => part.trim().toLowerCase());
      const quality = parameters.find((parameter) => parameter.startsWith('q='));
      return { mediaType, position, weight: quality === undefined ? 1 : Number(quality.slice(2)) || 0 };
    })
    .filter((entry) => entry.mediaType !== '' && entry.weight > 0)
    .sort((left, right) => right.weight - left.weight || left.position - right.position)
    .map((entry) => entry.mediaType);
}
