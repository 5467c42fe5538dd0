/**
 * Backfill on the function side. Messages tagged by `audit-responder
 * backfill` (see `../triggers/backfill-tag.ts`) are processed like live
 * ones — same reader, rules, remediation and ledger, so alerts and actions
 * stay exactly-once against the live traffic — but notify by their mode:
 *
 * - `all`: as live traffic;
 * - `none`: no notification;
 * - `digest`: no per-finding page; each finished message leaves a short
 *   summary in the ledger (`backfill:<id>:msg:<seq>`), and the backfill's
 *   last message (`digest: true`) collects them and sends ONE summary
 *   through the notifiers, once (its dedup key is `backfill-digest:<id>`).
 *   While some object message is unfinished the digest message is handed
 *   back as a batch failure, so the queue delivers it again later.
 */
import { mostSevereFirst } from '../lib/severity.js';
import type { SqsMessageRefs } from '../triggers/aws-sqs.js';
import type { BackfillTag } from '../triggers/backfill-tag.js';
import type { Category, Finding, JsonValue, Severity } from '../types.js';
import { SEVERITIES } from '../types.js';
import { type BatchReport, type RespondDeps, respond } from './respond.js';
import { needsRetry } from './retry.js';

/** What one message leaves in the ledger for the digest. */
interface MessageSummary {
  readonly objects: number;
  readonly records: number;
  readonly findings: readonly { ruleId: string; severity: Severity; category: Category; title: string; resource: string }[];
}

const summaryKey = (tag: BackfillTag, seq: number) => `backfill:${tag.id}:msg:${seq}`;
/** Examples kept per message and shown in the digest. */
const EXAMPLES = 10;

/**
 * Process an SQS batch that may hold backfill messages; returns the ids of
 * the messages to hand back as partial batch failures.
 */
export async function respondWithBackfill(messages: readonly SqsMessageRefs[], deps: RespondDeps): Promise<string[]> {
  const failed: string[] = [];
  const live = messages.filter((m) => !m.backfill || m.backfill.notify === 'all');
  const quiet = messages.filter((m) => m.backfill && m.backfill.notify !== 'all' && !m.backfill.digest);
  const retry = (report: BatchReport, list: readonly SqsMessageRefs[]) =>
    list.filter((m) => m.refs.some((ref) => needsRetry(report, ref))).map((m) => m.messageId);
  if (live.length > 0 || quiet.length === 0) {
    const report = await respond(live.flatMap((m) => m.refs), deps);
    failed.push(...retry(report, live));
  }
  if (quiet.length > 0) {
    const report = await respond(quiet.flatMap((m) => m.refs), { ...deps, notifiers: [] });
    const again = retry(report, quiet);
    failed.push(...again);
    for (const m of quiet) {
      if (m.backfill?.notify === 'digest' && !again.includes(m.messageId)) await recordSummary(m, report, deps);
    }
  }
  for (const m of messages.filter((m) => m.backfill?.digest)) {
    if (!(await sendDigest(m.backfill as BackfillTag, deps))) failed.push(m.messageId);
  }
  return failed;
}

async function recordSummary(message: SqsMessageRefs, report: BatchReport, deps: RespondDeps): Promise<void> {
  const tag = message.backfill as BackfillTag;
  const names = new Set(message.refs.map((r) => `${r.bucket}\u0000${r.key}`));
  const objects = report.objects.filter((o) => names.has(`${o.ref.bucket}\u0000${o.ref.key}`));
  const findings = objects.flatMap((o) => o.findings).filter((f) => !f.suppressed);
  const summary: MessageSummary = {
    objects: objects.length,
    records: objects.reduce((n, o) => n + o.records, 0),
    findings: findings.map((f) => ({ ruleId: f.ruleId, severity: f.severity, category: f.category, title: f.title, resource: f.resource.id })),
  };
  await deps.ledger?.complete(summaryKey(tag, tag.seq), 'backfill', summary as unknown as JsonValue);
}

/** Send the summary once every object message is done; false when some are not. */
async function sendDigest(tag: BackfillTag, deps: RespondDeps): Promise<boolean> {
  const ledger = deps.ledger;
  if (!ledger) return true;
  const sentKey = `backfill:${tag.id}:digest-sent`;
  if (await ledger.has(sentKey)) return true;
  const parts: MessageSummary[] = [];
  for (let seq = 0; seq < tag.total; seq += 1) {
    const entry = await ledger.acquire(summaryKey(tag, seq), { owner: `digest:${tag.id}`, leaseMs: 1 });
    if (entry.state !== 'completed') {
      deps.logger.log('info', 'backfill digest waits', { backfill: tag.id, missing: seq, total: tag.total });
      return false;
    }
    parts.push(entry.value as unknown as MessageSummary);
  }
  const digest = digestFinding(tag, parts);
  const context = { remainingMs: deps.remainingMs ?? (() => Number.POSITIVE_INFINITY), ledger };
  for (const notifier of deps.notifiers) await notifier.send([digest], context);
  await ledger.add(sentKey);
  deps.logger.log('info', 'backfill digest sent', { backfill: tag.id, findings: parts.reduce((n, p) => n + p.findings.length, 0) });
  return true;
}

/**
 * The one summary of a backfill, as a finding so every notifier can render
 * it: most severe severity of the old findings, counts per severity and rule,
 * the first examples. Its dedup key makes a redelivered digest send nothing.
 */
export function digestFinding(tag: BackfillTag, parts: readonly MessageSummary[]): Finding {
  const all = parts.flatMap((p) => p.findings);
  const bySeverity: Record<string, number> = {};
  const byRule: Record<string, number> = {};
  for (const f of all) {
    bySeverity[f.severity] = (bySeverity[f.severity] ?? 0) + 1;
    byRule[f.ruleId] = (byRule[f.ruleId] ?? 0) + 1;
  }
  const top = mostSevereFirst(all)[0];
  const objects = parts.reduce((n, p) => n + p.objects, 0);
  const records = parts.reduce((n, p) => n + p.records, 0);
  const counts = [...SEVERITIES].reverse().filter((s) => bySeverity[s]).map((s) => `${bySeverity[s]} ${s}`).join(', ');
  const examples = all.slice(0, EXAMPLES).map((f) => `${f.severity} ${f.ruleId} ${f.resource}`);
  return {
    ruleId: 'backfill-digest',
    category: top?.category ?? 'role-grant',
    severity: top?.severity ?? 'info',
    title: `Backfill ${tag.id}: ${all.length} finding${all.length === 1 ? '' : 's'} in ${objects} old log objects`,
    event: {
      cloud: 'aws',
      id: `backfill-${tag.id}`,
      time: new Date().toISOString(),
      action: 'audit-responder.BackfillDigest',
      service: 'audit-responder',
      outcome: 'success',
      actor: { name: 'audit-responder backfill' },
      scope: {},
      request: {},
      response: {},
      raw: null,
    },
    resource: { type: 'backfill', id: tag.id },
    evidence: {
      summary: all.length > 0 ? `${counts} in ${records} records` : `no findings in ${records} records`,
      details: { objects, records, bySeverity, byRule, examples },
    },
    remediation: null,
    dedupKey: `backfill-digest:${tag.id}`,
  };
}
