// An example scalar function: TITLE_CASE('hello big world') is 'Hello Big World'.
import { defineFunction } from '../../src/udf.js';

export default defineFunction({
  name: 'TITLE_CASE',
  kind: 'scalar',
  description: 'Capitalises the first letter of every word and lower-cases the rest.',
  author: 'Squall examples',
  version: '1.0.0',
  signatures: [{ params: ['STRING'], paramNames: ['text'], returns: 'STRING' }],
  run: (text: string) => text.toLowerCase().replace(/\b\p{L}/gu, (letter) => letter.toUpperCase()),
});
