// Where and on what code a benchmark ran: git commit, Node version, CPU and memory.
import { execFileSync } from 'node:child_process';
import os from 'node:os';

export interface MachineInfo {
  readonly commit: string;
  readonly node: string;
  readonly cpuModel: string;
  readonly cores: number;
  readonly memoryGb: number;
}

export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  return {
    commit: gitCommit(),
    node: process.version,
    cpuModel: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
  };
}

/** The short commit, marked `-dirty` when the working tree differs from it (the numbers are then not that commit's). */
function gitCommit(): string {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const changes = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' }).trim();
    return changes.length > 0 ? `${commit}-dirty` : commit;
  } catch {
    return 'unknown';
  }
}
