// Confluent's Schema Registry REST API over the embedded registry: subjects, versions, schemas by id, config, compatibility checks.
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import type { RegisteredSchema, SchemaReference, SchemaType } from '../planner/index.js';
import type { EmbeddedSchemaRegistry } from './embedded-registry.js';
import { SchemaRegistryError } from './schema-registry-error.js';
import { COMPATIBILITY_LEVELS, type Compatibility, type SchemaDefinition, type SubjectVersion } from './schema-store.js';

/** The media types Confluent's clients send and accept, besides plain JSON. */
const REGISTRY_MEDIA_TYPE = /^application\/vnd\.schemaregistry(?:\.v1)?\+json/;
const REPLY_MEDIA_TYPE = 'application/vnd.schemaregistry.v1+json';

const schemaBody = {
  type: 'object',
  required: ['schema'],
  properties: {
    schema: { type: 'string' },
    schemaType: { type: 'string', enum: ['AVRO', 'PROTOBUF', 'JSON'] },
    references: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'subject', 'version'],
        properties: { name: { type: 'string' }, subject: { type: 'string' }, version: { type: 'integer' } },
      },
    },
    id: { type: 'integer' },
  },
} as const;

const compatibilityBody = {
  type: 'object',
  required: ['compatibility'],
  properties: { compatibility: { type: 'string', enum: [...COMPATIBILITY_LEVELS] } },
} as const;

interface SchemaBody {
  readonly schema: string;
  readonly schemaType?: SchemaType;
  readonly references?: readonly SchemaReference[];
  readonly id?: number;
}

type SubjectParams = { readonly subject: string };
type VersionParams = { readonly subject: string; readonly version: string };
type IdParams = { readonly id: string };

/** A fastify server for the registry; the caller listens (127.0.0.1:8081 by default). */
export function buildSchemaRegistryServer(registry: EmbeddedSchemaRegistry): FastifyInstance {
  const server = Fastify({ logger: false });
  server.addContentTypeParser(REGISTRY_MEDIA_TYPE, { parseAs: 'string' }, server.getDefaultJsonParser('error', 'error'));
  server.addHook('onSend', async (_request, reply, payload) => {
    if (String(reply.getHeader('content-type') ?? '').startsWith('application/json')) reply.header('content-type', REPLY_MEDIA_TYPE);
    return payload;
  });
  server.setErrorHandler((error, _request, reply) => replyWithError(reply, error));
  server.setNotFoundHandler((_request, reply) => reply.code(404).send({ error_code: 404, message: 'HTTP 404 Not Found' }));
  const store = registry.lookup;

  server.get('/', async () => ({}));
  server.get('/schemas/types', async () => ['JSON', 'PROTOBUF', 'AVRO']);
  server.get<{ Params: IdParams }>('/schemas/ids/:id', async (request) => describeSchema(schemaById(registry, request.params.id)));
  server.get<{ Params: IdParams }>('/schemas/ids/:id/schema', async (request, reply) => reply.type('text/plain').send(schemaById(registry, request.params.id).schema));
  server.get<{ Params: IdParams }>('/schemas/ids/:id/subjects', async (request) =>
    store.subjectsOfId(schemaById(registry, request.params.id).id).map((entry) => entry.subject),
  );
  server.get<{ Params: IdParams }>('/schemas/ids/:id/versions', async (request) =>
    store.subjectsOfId(schemaById(registry, request.params.id).id).map((entry) => ({ subject: entry.subject, version: entry.version })),
  );

  server.get('/subjects', async () => store.subjectNames());
  server.get<{ Params: SubjectParams }>('/subjects/:subject/versions', async (request) => store.versions(request.params.subject).map((entry) => entry.version));
  server.get<{ Params: VersionParams }>('/subjects/:subject/versions/:version', async (request) =>
    describeVersion(registry, store.version(request.params.subject, request.params.version)),
  );
  server.get<{ Params: VersionParams }>('/subjects/:subject/versions/:version/schema', async (request, reply) =>
    reply.type('text/plain').send(schemaById(registry, String(store.version(request.params.subject, request.params.version).id)).schema),
  );
  server.post<{ Params: SubjectParams; Body: SchemaBody }>('/subjects/:subject/versions', { schema: { body: schemaBody } }, async (request) => ({
    id: await registry.register(request.params.subject, definitionOf(request.body), request.body.id === undefined ? {} : { id: request.body.id }),
  }));
  server.post<{ Params: SubjectParams; Body: SchemaBody }>('/subjects/:subject', { schema: { body: schemaBody } }, async (request) => {
    store.versions(request.params.subject);
    const found = store.findVersion(request.params.subject, definitionOf(request.body));
    if (found === undefined) throw new SchemaRegistryError(404, 40403, 'Schema not found');
    return describeVersion(registry, found);
  });
  server.delete<{ Params: SubjectParams }>('/subjects/:subject', async (request) => registry.deleteVersions(request.params.subject));
  server.delete<{ Params: VersionParams }>('/subjects/:subject/versions/:version', async (request) => {
    const [deleted] = await registry.deleteVersions(request.params.subject, request.params.version);
    return deleted;
  });

  server.get('/config', async () => ({ compatibilityLevel: store.compatibility(null) }));
  server.put<{ Body: { compatibility: Compatibility } }>('/config', { schema: { body: compatibilityBody } }, async (request) => {
    await registry.setCompatibility(null, request.body.compatibility);
    return { compatibility: request.body.compatibility };
  });
  server.get<{ Params: SubjectParams; Querystring: { defaultToGlobal?: string } }>('/config/:subject', async (request) => {
    const level = store.subjectCompatibilityOf(request.params.subject);
    if (level !== undefined) return { compatibilityLevel: level };
    if (request.query.defaultToGlobal === 'true') return { compatibilityLevel: store.compatibility(null) };
    throw new SchemaRegistryError(404, 40408, `Subject '${request.params.subject}' does not have subject-level compatibility configured`);
  });
  server.put<{ Params: SubjectParams; Body: { compatibility: Compatibility } }>('/config/:subject', { schema: { body: compatibilityBody } }, async (request) => {
    await registry.setCompatibility(request.params.subject, request.body.compatibility);
    return { compatibility: request.body.compatibility };
  });
  server.delete<{ Params: SubjectParams }>('/config/:subject', async (request) => {
    const previous = store.subjectCompatibilityOf(request.params.subject);
    if (previous === undefined) throw new SchemaRegistryError(404, 40401, `Subject '${request.params.subject}' not found.`);
    await registry.setCompatibility(request.params.subject, null);
    return { compatibilityLevel: previous };
  });

  server.post<{ Params: VersionParams; Body: SchemaBody; Querystring: { verbose?: string } }>(
    '/compatibility/subjects/:subject/versions/:version',
    { schema: { body: schemaBody } },
    async (request) => {
      const { subject, version } = request.params;
      const against = version === 'latest' ? 'latest' : store.version(subject, version).version;
      if (against === 'latest') store.versions(subject);
      const verdict = store.check(subject, definitionOf(request.body), against);
      return request.query.verbose === 'true' ? { is_compatible: verdict.compatible, messages: verdict.messages } : { is_compatible: verdict.compatible };
    },
  );
  server.post<{ Params: SubjectParams; Body: SchemaBody; Querystring: { verbose?: string } }>(
    '/compatibility/subjects/:subject/versions',
    { schema: { body: schemaBody } },
    async (request) => {
      const verdict = store.check(request.params.subject, definitionOf(request.body), 'all');
      return request.query.verbose === 'true' ? { is_compatible: verdict.compatible, messages: verdict.messages } : { is_compatible: verdict.compatible };
    },
  );
  return server;
}

function definitionOf(body: SchemaBody): SchemaDefinition {
  return { schemaType: body.schemaType ?? 'AVRO', schema: body.schema, ...(body.references === undefined ? {} : { references: body.references }) };
}

function schemaById(registry: EmbeddedSchemaRegistry, idText: string): RegisteredSchema {
  const schema = registry.lookup.schemaById(Number(idText));
  if (schema === undefined) throw new SchemaRegistryError(404, 40403, `Schema ${idText} not found`);
  return schema;
}

/** Avro schemas leave `schemaType` out, as Confluent's registry does, and schemas without references `references`. */
function describeSchema(schema: RegisteredSchema): object {
  const references = schema.references === undefined ? {} : { references: schema.references };
  return schema.schemaType === 'AVRO' ? { schema: schema.schema, ...references } : { schemaType: schema.schemaType, schema: schema.schema, ...references };
}

function describeVersion(registry: EmbeddedSchemaRegistry, entry: SubjectVersion): object {
  const schema = registry.lookup.schemaById(entry.id)!;
  return { subject: entry.subject, version: entry.version, id: entry.id, ...describeSchema(schema) };
}

/** Registry errors with their status and code; request validation as 422; anything else as 500 with Confluent's 50001. */
function replyWithError(reply: FastifyReply, error: unknown): FastifyReply {
  if (error instanceof SchemaRegistryError) return reply.code(error.status).send({ error_code: error.errorCode, message: error.message });
  const candidate = error as { validation?: unknown; statusCode?: number; message?: string };
  if (candidate.validation !== undefined || candidate.statusCode === 400 || candidate.statusCode === 415) {
    return reply.code(422).send({ error_code: 422, message: candidate.message ?? 'Unprocessable Entity' });
  }
  return reply.code(500).send({ error_code: 50001, message: `Error in the backend data store: ${candidate.message ?? String(error)}` });
}
