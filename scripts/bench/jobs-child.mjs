// Child process: run the bundled CLI's `scan` with the given arguments in this
// process and print, as the last stdout line, its exit code, wall time and the
// CPU time of the whole process (every worker thread included).
// Usage: node jobs-child.mjs DIST_CLI ARGS...  (the report goes to --output).
import { pathToFileURL } from 'node:url';

const [cli, ...args] = process.argv.slice(2);
process.argv = [process.argv[0], cli, ...args];
const started = performance.now();
const cpu = process.cpuUsage();
await import(pathToFileURL(cli).href);
process.on('exit', (code) => {
  const used = process.cpuUsage(cpu);
  process.stdout.write(`${JSON.stringify({ code, ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000, peakRssMB: process.resourceUsage().maxRSS / 1024 })}\n`);
});
