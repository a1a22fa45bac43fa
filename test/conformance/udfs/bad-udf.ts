// BAD_UDF, a test-only function of ksqlDB's QTT suite (group-by.json, partition-by.json): it
// throws for some inputs and returns NULL for others, to exercise the processing-log paths.
import { defineFunction } from '../../../src/udf.js';

function boom(): never {
  throw new Error('boom!');
}

export default defineFunction({
  name: 'BAD_UDF',
  kind: 'scalar',
  description: 'Throws or returns NULL on purpose: for tests of failing expressions.',
  signatures: [
    { params: ['BOOLEAN'], returns: 'INT', description: 'Throws when the argument is true, else returns 0.', run: (shouldThrow: boolean) => (shouldThrow ? boom() : 0) },
    { params: ['INT'], returns: 'INT', description: 'Always throws.', run: () => boom() },
    {
      params: ['STRING'],
      returns: 'STRING',
      description: 'Returns NULL on every other call, starting with the first, else its argument.',
      // The count is per call site, as ksqlDB keeps it per UDF instance: each query starts afresh.
      create: () => {
        let calls = 0;
        return (text: string) => (calls++ % 2 === 0 ? null : text);
      },
    },
  ],
});
