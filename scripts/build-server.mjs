// `npm run build:server`: the server as one JavaScript module, dist/cli/main.js, so that
// `npm start` runs it on plain Node. Running through tsx instead costs its loader thread and the
// source maps of every module: ~37 MB resident. Packages stay imports of node_modules; the
// bundle sits where src/cli/main.ts does relative to the root (dist/cli/ like src/cli/), so paths
// relative to the module still hold. User functions written in TypeScript are loaded through tsx
// when the server finds one. `node scripts/build-server.mjs ENTRY.ts OUT.js` bundles another
// entry point the same way (bench:table-rss measures the engine as the server runs it).
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Bundles `entry` into `outfile`, both relative to the project root. */
export async function bundle(entry = 'src/cli/main.ts', outfile = 'dist/cli/main.js') {
  await build({
    absWorkingDir: root,
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await bundle(process.argv[2], process.argv[3]);
