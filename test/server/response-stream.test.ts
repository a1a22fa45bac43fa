// A streamed response sends the chunks written in one turn of the event loop in one write, and
// a chunk written in a later turn without waiting for the end.
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { openResponseStream } from '../../src/server/response-stream.js';

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Records what the stream hands the response: `write`s, and `end` (light-my-request's `end` writes through `write`: not counted again). */
function recordSends(raw: object, sent: string[]): void {
  const response = raw as { write(data: Buffer): boolean; end(data: Buffer): void };
  const write = response.write.bind(response);
  const end = response.end.bind(response);
  let ending = false;
  Object.assign(response, {
    write: (data: Buffer) => {
      if (!ending) sent.push(`write ${data.toString()}`);
      return write(data);
    },
    end: (data: Buffer) => {
      sent.push(`end ${data.toString()}`);
      ending = true;
      end(data);
    },
  });
}

describe('openResponseStream', () => {
  it('sends one turn of chunks in one write, a later turn in its own, and the end with what is queued', async () => {
    const sent: string[] = [];
    const app = Fastify();
    app.get('/stream', async (_request, reply) => {
      recordSends(reply.raw, sent);
      const output = openResponseStream(reply, 'text/plain', () => undefined);
      await output.write('[');
      await output.write('a,');
      await output.write('b,');
      await nextTurn();
      expect(sent).toEqual(['write [a,b,']);
      await output.write('c,');
      await nextTurn();
      await output.write('d');
      output.end(']');
    });
    const response = await app.inject({ method: 'GET', url: '/stream' });
    expect(response.body).toBe('[a,b,c,d]');
    expect(sent).toEqual(['write [a,b,', 'write c,', 'end d]']);
    await app.close();
  });

  it('sends at once past 16 KB instead of waiting for the turn to end', async () => {
    const sent: string[] = [];
    const sizes = (): number[] => sent.map((line) => line.length - line.indexOf(' ') - 1);
    const app = Fastify();
    const big = 'x'.repeat(10_000);
    app.get('/stream', async (_request, reply) => {
      recordSends(reply.raw, sent);
      const output = openResponseStream(reply, 'text/plain', () => undefined);
      await output.write(big);
      await output.write(big);
      expect(sizes()).toEqual([20_000]);
      await output.write(big);
      output.end('');
    });
    const response = await app.inject({ method: 'GET', url: '/stream' });
    expect(response.body).toHaveLength(30_000);
    expect(sizes()).toEqual([20_000, 10_000]);
    expect(sent[1]).toMatch(/^end /);
    await app.close();
  });
});
