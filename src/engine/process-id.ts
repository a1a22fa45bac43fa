// The process id: which server this is among those sharing a service id. It is kept in the state
// dir, so that a restarted server reuses its producers' transactional.ids and fences the open
// transactions of the process it replaces.
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const PROCESS_ID_FILE = 'process-id';

/** The id in `<stateDir>/process-id`; a new one is written there when the file is missing or empty. */
export async function loadProcessId(stateDir: string): Promise<string> {
  const path = join(stateDir, PROCESS_ID_FILE);
  const existing = await readTrimmed(path);
  if (existing !== undefined && existing !== '') return existing;
  const processId = randomUUID();
  await mkdir(stateDir, { recursive: true });
  // Written aside, then renamed: a crash mid-write never leaves a truncated id for the next start.
  const temporary = `${path}.${processId}.tmp`;
  await writeFile(temporary, `${processId}\n`);
  await rename(temporary, path);
  return processId;
}

async function readTrimmed(path: string): Promise<string | undefined> {
  try {
    return (await readFile(path, 'utf8')).trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
