// The error a serde throws for bytes it cannot read or values it cannot write: a bad record, not a bug.

/** A record that cannot be (de)serialised; the task skips it and logs `message` to the processing log. */
export class SerdeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SerdeError';
  }
}
