/**
 * Sigma matches as findings: `ruleId` `sigma:<id>`, category `sigma`,
 * severity from `level`, the rule's metadata (author included, as the
 * Detection Rule License requires) and the matched fields as evidence.
 * Sigma findings are alert-only: no remediation plan.
 */
import { dedupKey } from '../rules/lib/finding.js';
import type { AuditEvent, Finding, JsonValue, Resource, Severity, SigmaInfo } from '../types.js';
import { type CompiledSigmaRule, type Level, type SigmaMeta, evidenceOf } from './compile.js';
import { isRecord as isObject } from '../lib/guards.js';

/** Sigma `level` → our severity. */
export const LEVEL_SEVERITY: Readonly<Record<Level, Severity>> = {
  informational: 'info',
  low: 'low',
  medium: 'medium',
  high: 'high',
  critical: 'critical',
};

/** The `ruleId` of a Sigma rule's findings. */
export function sigmaRuleId(id: string): string {
  return `sigma:${id}`;
}

/** The `sigma` field of a finding. */
export function sigmaInfo(meta: SigmaMeta, kind: 'detection' | 'correlation', correlationInput = false): SigmaInfo {
  return {
    id: meta.id,
    title: meta.title,
    author: meta.author,
    level: meta.level,
    ...(meta.status ? { status: meta.status } : {}),
    references: meta.references,
    tags: meta.tags,
    file: meta.file,
    kind,
    ...(correlationInput ? { correlationInput } : {}),
  };
}

/**
 * The finding of a detection rule on one event. Without `keepRecord` the
 * finding's event leaves out `raw`: a batch holds its findings until it
 * notifies, and a broad upstream rule can match most of a 100 000-record
 * object, where the whole records were a third of the memory. Nothing after
 * the match reads `raw` but the correlator, whose inputs keep it.
 */
export function detectionFinding(rule: CompiledSigmaRule, event: AuditEvent, correlationInput: boolean, keepRecord = true): Finding {
  const fields = evidenceOf(rule, event.raw);
  const summary = `Sigma "${rule.meta.title}" (by ${rule.meta.author}) matched ${event.action}: ${summaryOf(fields)}`;
  const resource = resourceOf(event);
  const ruleId = sigmaRuleId(rule.meta.id);
  return {
    ruleId,
    category: 'sigma',
    severity: LEVEL_SEVERITY[rule.meta.level],
    title: rule.meta.title,
    event: keepRecord ? event : { ...event, raw: undefined },
    resource,
    evidence: { summary, details: { fields: toJson(fields) as JsonValue } },
    remediation: null,
    dedupKey: dedupKey(ruleId, event.id, resource.id),
    sigma: sigmaInfo(rule.meta, 'detection', correlationInput),
  };
}

/** `field=value, ...`, short. */
export function summaryOf(fields: Record<string, unknown>): string {
  const parts = Object.entries(fields).map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`);
  const text = parts.join(', ');
  return text.length > 300 ? `${text.slice(0, 299)}…` : text || 'keyword match';
}

/** Keys that name the thing a call acted on, in the order they are tried. */
const RESOURCE_KEYS = [
  'bucketName', 'groupId', 'instanceId', 'userName', 'roleName', 'groupName', 'policyArn', 'functionName', 'keyId',
  'secretId', 'trailName', 'name', 'dBInstanceIdentifier', 'clusterName', 'repositoryName', 'detectorId',
  'bucket_id', 'bucket', 'security_group_id', 'instance_id', 'function_id', 'service_account_id', 'resource_id', 'folder_id', 'cloud_id',
];

/** The resource a call acted on, as far as a generic reading of the record tells. */
export function resourceOf(event: AuditEvent): Resource {
  const request = event.request;
  for (const key of RESOURCE_KEYS) {
    const value = request[key];
    if (typeof value === 'string' && value !== '') return { type: `${event.service || event.cloud}:${key}`, id: value };
  }
  if (isObject(event.raw) && Array.isArray(event.raw.resources)) {
    const first = event.raw.resources[0];
    if (isObject(first) && typeof first.ARN === 'string') return { type: typeof first.type === 'string' ? first.type : 'aws-resource', id: first.ARN };
  }
  return { type: event.service || event.cloud, id: event.action || event.id };
}

/** Make a value JSON-safe for evidence. */
export function toJson(value: unknown, depth = 0): JsonValue {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (depth > 16) return '…';
  if (Array.isArray(value)) return value.map((v) => toJson(v, depth + 1));
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJson(v, depth + 1)]));
  return value === undefined ? null : String(value);
}
