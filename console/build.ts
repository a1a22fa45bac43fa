// Bundles the console with esbuild into static files (index.html, main.js, main.css) that the
// server serves under /console/; `npm run build:console` writes them to console/dist.
import { copyFile, mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const CONSOLE_DIR = fileURLToPath(new URL('.', import.meta.url));

/** Where `npm run build:console` puts the bundle, and where `squall server` serves it from (src/cli/server-command.ts). */
const DEFAULT_CONSOLE_DIST = fileURLToPath(new URL('dist/', import.meta.url));

export async function buildConsole(outDir: string): Promise<void> {
  await mkdir(outDir, { recursive: true });
  await build({
    absWorkingDir: CONSOLE_DIR,
    entryPoints: { main: 'src/main.tsx' },
    bundle: true,
    minify: true,
    sourcemap: true,
    format: 'esm',
    target: ['chrome100', 'firefox100', 'safari15'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    outdir: outDir,
    logLevel: 'warning',
  });
  await copyFile(new URL('index.html', import.meta.url), `${outDir}/index.html`);
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  await buildConsole(process.argv[2] ?? DEFAULT_CONSOLE_DIST);
}
