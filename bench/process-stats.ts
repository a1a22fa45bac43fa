// CPU time and memory of another process (the broker, the server under load), read from /proc.
import { readFile } from 'node:fs/promises';

/** Linux reports process times in clock ticks; USER_HZ is 100 on every mainstream kernel build. */
const clockTicksPerSecond = 100;

export interface ProcessMemory {
  readonly rssMb: number;
  /** The peak resident set since the process started (VmHWM). */
  readonly peakRssMb: number;
}

/** utime + stime from /proc/PID/stat (fields 14 and 15, counted after the parenthesised command name). */
export async function processCpuSeconds(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / clockTicksPerSecond;
}

/** VmRSS and VmHWM from /proc/PID/status, in MiB. */
export async function processMemory(pid: number): Promise<ProcessMemory> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kibibytes = (field: string): number => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  return { rssMb: kibibytes('VmRSS') / 1024, peakRssMb: kibibytes('VmHWM') / 1024 };
}
