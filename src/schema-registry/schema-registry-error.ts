// A Schema Registry refusal with Confluent's HTTP status and error code (40401 subject not found, 40901 incompatible, ...).

export class SchemaRegistryError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: number,
    message: string,
  ) {
    super(message);
    this.name = 'SchemaRegistryError';
  }
}
