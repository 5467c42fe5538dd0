/**
 * What every measuring child reports, as its last stdout line.
 */

/** Peak resident set size of this process so far, in MB (2^20 bytes). */
export function peakRssMB(): number {
  // maxRSS is in kilobytes on Linux and macOS.
  return Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10;
}

/** CPU time of this process so far, in ms: user and system (page faults, I/O). */
export function cpuMs(): { userMs: number; systemMs: number } {
  const { userCPUTime, systemCPUTime } = process.resourceUsage();
  return { userMs: Math.round(userCPUTime / 1000), systemMs: Math.round(systemCPUTime / 1000) };
}

/** Print the result as the last stdout line, for the parent to parse. */
export function report(result: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify({ ...result, ...cpuMs(), peakRssMB: peakRssMB() })}\n`);
}

/** CPU time (user + system) spent since `start` (a `process.cpuUsage()` value), in ms. */
export function cpuSinceMs(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return Math.round((used.user + used.system) / 100) / 10;
}
