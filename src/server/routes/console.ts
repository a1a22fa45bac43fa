// GET /console/: the web console's static files (bundled by `npm run build:console`), and
// /console redirecting there; a console that was not built answers with how to build it.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';
import { RestError } from '../rest-error.js';

const CONSOLE_PATH = '/console/';

export function consoleRoutes(directory: string): FastifyPluginAsync {
  return async (app) => {
    app.get('/console', async (_request, reply) => reply.redirect(CONSOLE_PATH, 302));
    if (existsSync(join(directory, 'index.html'))) {
      await app.register(fastifyStatic, { root: directory, prefix: CONSOLE_PATH });
      return;
    }
    app.get(`${CONSOLE_PATH}*`, async () => {
      throw RestError.notFound(`The web console is not built (no ${join(directory, 'index.html')}): run \`npm run build:console\``);
    });
  };
}
