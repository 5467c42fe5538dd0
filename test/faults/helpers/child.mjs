// Runs one built handler in this (child) process, the way the platform does:
// the event and the invocation's time limit arrive as JSON on stdin, the
// context's getRemainingTimeInMillis counts down, and the outcome is written
// to stdout as one line starting with RESULT_MARK. The handler's own log
// lines (JSON) go to stdout as they would in the function's log stream.
import { pathToFileURL } from 'node:url';

const RESULT_MARK = '@@fault-result ';
const [modulePath, exportName = 'handler'] = process.argv.slice(2);

let input = '';
for await (const chunk of process.stdin) input += chunk;
const { event, deadlineMs, requestId } = JSON.parse(input);

const started = Date.now();
// The parent starts its kill timer on this line, so both count from the same moment.
process.stdout.write('@@fault-start\n');
const context = {
  awsRequestId: requestId,
  requestId,
  functionName: 'audit-responder-fault-suite',
  getRemainingTimeInMillis: () => Math.max(0, deadlineMs - (Date.now() - started)),
};

const write = (outcome) =>
  new Promise((resolve) => process.stdout.write(`${RESULT_MARK}${JSON.stringify({ ...outcome, elapsedMs: Date.now() - started, maxRssKb: process.resourceUsage().maxRSS })}\n`, resolve));

try {
  const module = await import(pathToFileURL(modulePath).href);
  const result = await module[exportName](event, context);
  await write({ outcome: 'returned', result: result ?? null });
} catch (error) {
  await write({ outcome: 'threw', name: error?.name ?? 'Error', message: String(error?.message ?? error) });
}
// Like a platform that freezes the sandbox once the handler settled.
process.exit(0);
