// Promises over librdkafka's callback calls, and the error codes the Kafka Log reacts to.
import type { LibrdKafkaError } from '@confluentinc/kafka-javascript';

/** librdkafka and Kafka protocol error codes we treat specially (negative codes are client-local). */
export const errorCodes = {
  timedOut: -185,
  queueFull: -184,
  unknownTopicOrPartition: 3,
  unsupportedVersion: 35,
  topicAlreadyExists: 36,
  topicDeletionDisabled: 73,
} as const;

/** A librdkafka failure as a real Error, keeping its numeric code. */
export class KafkaClientError extends Error {
  readonly code: number;
  readonly requiresAbort: boolean;

  constructor(operation: string, cause: LibrdKafkaError) {
    super(`${operation} failed: ${cause.message} (code ${cause.code})`);
    this.name = 'KafkaClientError';
    this.code = cause.code;
    this.requiresAbort = cause.isTxnRequiresAbort === true;
  }
}

export function isLibrdKafkaError(value: unknown): value is LibrdKafkaError {
  return typeof value === 'object' && value !== null && typeof Reflect.get(value, 'code') === 'number' && typeof Reflect.get(value, 'message') === 'string';
}

type Callback<T> = (error: LibrdKafkaError | null | undefined, value: T) => void;

/** Runs a callback-style client call and settles with its value, or a KafkaClientError naming the operation. */
export function call<T>(operation: string, start: (callback: Callback<T>) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    start((error, value) => {
      if (error !== null && error !== undefined) reject(new KafkaClientError(operation, error));
      else resolve(value);
    });
  });
}

/** `call` for client calls whose callback carries only an error. */
export function callVoid(operation: string, start: (callback: (error: LibrdKafkaError | null | undefined) => void) => void): Promise<void> {
  return call<undefined>(operation, (callback) => start((error) => callback(error, undefined)));
}

/** Like `call`, but resolves to the error code (0 on success) for calls whose failures are expected. */
export function callForCode(start: (callback: (error: LibrdKafkaError | null | undefined) => void) => void): Promise<number> {
  return new Promise((resolve) => {
    start((error) => resolve(error === null || error === undefined ? 0 : error.code));
  });
}

/** An error thrown by a synchronous client call, as an Error naming the operation. */
export function toClientError(operation: string, error: unknown): Error {
  if (isLibrdKafkaError(error)) return new KafkaClientError(operation, error);
  return error instanceof Error ? error : new Error(`${operation} failed: ${String(error)}`);
}
