// Request bodies that carry statements — ksqlDB's KsqlRequest (/ksql, /query) and
// QueryStreamArgs (/query-stream) — their JSON schemas, and their translation for the engine.
import type { StatementRequest } from '../engine/api.js';

/** KsqlRequest; unknown fields (requestProperties, ...) are accepted and ignored, as in ksqlDB. */
export interface KsqlRequestBody {
  readonly ksql: string;
  readonly streamsProperties?: Readonly<Record<string, unknown>>;
  readonly sessionVariables?: SessionVariables;
  /** ksqlDB waits for this command before running the request; Squall's engine applies commands synchronously. */
  readonly commandSequenceNumber?: number;
}

/** QueryStreamArgs. */
export interface QueryStreamBody {
  readonly sql: string;
  readonly properties?: Readonly<Record<string, unknown>>;
  readonly sessionVariables?: SessionVariables;
}

/** ksqlDB takes any JSON scalar as a variable's value; substitution uses its text. */
type SessionVariables = Readonly<Record<string, string | number | boolean>>;

const sessionVariablesSchema = { type: 'object', additionalProperties: { anyOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }] } } as const;

export const ksqlRequestSchema = {
  type: 'object',
  required: ['ksql'],
  properties: {
    ksql: { type: 'string' },
    streamsProperties: { type: 'object' },
    sessionVariables: sessionVariablesSchema,
    commandSequenceNumber: { type: 'integer' },
  },
} as const;

export const queryStreamSchema = {
  type: 'object',
  required: ['sql'],
  properties: {
    sql: { type: 'string' },
    properties: { type: 'object' },
    sessionVariables: sessionVariablesSchema,
  },
} as const;

export function fromKsqlRequest(body: KsqlRequestBody): StatementRequest {
  return { sql: body.ksql, properties: body.streamsProperties ?? {}, sessionVariables: variableTexts(body.sessionVariables) };
}

export function fromQueryStreamArgs(body: QueryStreamBody): StatementRequest {
  return { sql: body.sql, properties: body.properties ?? {}, sessionVariables: variableTexts(body.sessionVariables) };
}

function variableTexts(variables: SessionVariables | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(variables ?? {}).map(([name, value]) => [name, String(value)]));
}
