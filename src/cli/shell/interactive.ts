// The interactive shell: node's readline for line editing and history (kept between sessions in a
// history file), statements that run once a `;` ends them (lines typed while a query streams run
// after it), and Ctrl-C that stops the running query, or else discards the statement being typed.
import { appendFile, readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import pc from 'picocolors';
import { StatementBuffer } from './statement-buffer.js';
import type { Session } from './session.js';

const PROMPT = 'squall> ';
const CONTINUATION = '     > ';
const HISTORY_SIZE = 1000;

export interface InteractiveOptions {
  readonly serverUrl: string;
  readonly serverVersion: string;
  readonly historyFile: string;
}

export async function runInteractive(session: Session, options: InteractiveOptions): Promise<void> {
  const history = await readHistory(options.historyFile);
  const terminal = createInterface({ input: process.stdin, output: process.stdout, history, historySize: HISTORY_SIZE, prompt: PROMPT });
  const buffer = new StatementBuffer();
  console.log(banner(options));

  terminal.on('SIGINT', () => {
    if (session.queryRunning) {
      session.interrupt();
      return;
    }
    buffer.clear();
    process.stdout.write('\n');
    console.log(pc.dim('(Type EXIT or press Ctrl-D to leave the shell.)'));
    terminal.setPrompt(PROMPT);
    terminal.prompt();
  });

  terminal.prompt();
  for await (const line of terminal) {
    if (!buffer.pending && /^\s*(exit|quit)\s*;?\s*$/i.test(line)) break;
    if (line.trim() !== '') await appendFile(options.historyFile, `${line}\n`).catch(() => undefined);
    for (const piece of buffer.addLine(line)) {
      await session.runStatement(piece);
    }
    terminal.setPrompt(buffer.pending ? CONTINUATION : PROMPT);
    terminal.prompt();
  }
  terminal.close();
  console.log('Exiting Squall.');
}

function banner(options: InteractiveOptions): string {
  return [
    pc.bold(`Squall CLI, server v${options.serverVersion} at ${options.serverUrl}`),
    pc.dim(`End statements with ';'. SET/UNSET properties, DEFINE variables, RUN SCRIPT 'file.sql'.`),
    pc.dim('Ctrl-C stops a running query; EXIT or Ctrl-D leaves.'),
    '',
  ].join('\n');
}

/** readline wants the most recent line first; the file keeps them oldest first, as it is appended. */
async function readHistory(path: string): Promise<string[]> {
  const text = await readFile(path, 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .slice(-HISTORY_SIZE)
    .reverse();
}
