/**
 * State of Sigma correlation rules across log objects and invocations: per
 * correlation group, the recent matching events, and until when the group's
 * burst was already reported. In memory for `scan`, in the ledger table
 * (conditional updates, TTL `expiresAt` past the timespan) in the functions.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { type DynamoClientOptions, type Item, lazyDynamo } from './dynamodb-client.js';

/** One event that matched a rule a correlation refers to. */
export interface CorrelationObservation {
  readonly eventId: string;
  /** The detection rule id it matched. */
  readonly rule: string;
  /** Event time, ms since the epoch. */
  readonly time: number;
  /** value_count: the counted field's value. */
  readonly value?: string;
}

/** Where correlation state lives. */
export interface CorrelationStore {
  /**
   * Add an observation to a group and return the group's observations
   * within `windowMs` of it (either side), itself included, without duplicates.
   */
  add(key: string, observation: CorrelationObservation, windowMs: number): Promise<readonly CorrelationObservation[]>;
  /**
   * Report the group's burst once: true when no report covers `start`
   * (time of the window's first event), and then mark it reported until `until`.
   */
  claim(key: string, start: number, until: number): Promise<boolean>;
}

/** Most observations kept per group. */
export const MAX_OBSERVATIONS = 500;

function within(list: readonly CorrelationObservation[], at: number, windowMs: number): CorrelationObservation[] {
  const seen = new Set<string>();
  const out: CorrelationObservation[] = [];
  for (const o of list) {
    const id = `${o.eventId}\u0000${o.rule}`;
    if (Math.abs(o.time - at) > windowMs || seen.has(id)) continue;
    seen.add(id);
    out.push(o);
  }
  return out.sort((a, b) => a.time - b.time);
}

/** In-memory store (the CLI, tests, functions without a ledger table). */
export function memoryCorrelationStore(): CorrelationStore {
  const groups = new Map<string, { obs: CorrelationObservation[]; reportedUntil: number }>();
  return {
    async add(key, observation, windowMs) {
      const g = groups.get(key) ?? { obs: [], reportedUntil: Number.NEGATIVE_INFINITY };
      groups.set(key, g);
      g.obs.push(observation);
      const newest = Math.max(...g.obs.map((o) => o.time));
      g.obs = g.obs.filter((o) => o.time >= newest - 2 * windowMs).slice(-MAX_OBSERVATIONS);
      return within(g.obs, observation.time, windowMs);
    },
    async claim(key, start, until) {
      const g = groups.get(key) ?? { obs: [], reportedUntil: Number.NEGATIVE_INFINITY };
      groups.set(key, g);
      if (g.reportedUntil >= start) return false;
      g.reportedUntil = until;
      return true;
    },
  };
}

/** How to reach the ledger table. */
export interface DynamoCorrelationOptions extends DynamoClientOptions {
  readonly table: string;
  /** Wall clock for TTL. @default Date.now */
  readonly now?: () => number;
  /** Deadline of each call. @default 5000 ms */
  readonly timeoutMs?: number;
}

/**
 * The ledger table as correlation store: item `pk` = `sigma-corr#<key>`,
 * `obs` a list appended with an atomic update, `reportedUntil` set with a
 * conditional update, `expiresAt` (TTL) pushed past the timespan.
 */
export function dynamoCorrelationStore(options: DynamoCorrelationOptions): CorrelationStore {
  const use = lazyDynamo(options);
  const now = options.now ?? Date.now;
  const TableName = options.table;
  const timeout = options.timeoutMs ?? 5000;
  const Key = (key: string): Item => ({ pk: { S: `sigma-corr#${key}` } });
  const signal = () => ({ abortSignal: AbortSignal.timeout(timeout) });
  const expiry = (windowMs: number) => ({ N: String(Math.floor((now() + 2 * windowMs) / 1000) + 3600) });
  const conditionFailed = (error: unknown) => (error as { name?: string }).name === 'ConditionalCheckFailedException';
  return {
    async add(key, o, windowMs) {
      const { sdk, client } = await use();
      const entry: AttributeValue = {
        M: { e: { S: o.eventId }, r: { S: o.rule }, t: { N: String(o.time) }, ...(o.value !== undefined ? { v: { S: o.value } } : {}) },
      };
      const out = await client.send(
        new sdk.UpdateItemCommand({
          TableName,
          Key: Key(key),
          UpdateExpression: 'SET obs = list_append(if_not_exists(obs, :empty), :new), expiresAt = :exp',
          ExpressionAttributeValues: { ':empty': { L: [] }, ':new': { L: [entry] }, ':exp': expiry(windowMs) },
          ReturnValues: 'ALL_NEW',
        }),
        signal(),
      );
      const all = (out.Attributes?.obs?.L ?? []).map(fromItem).filter((x): x is CorrelationObservation => x !== undefined);
      const newest = Math.max(...all.map((x) => x.time));
      const keep = all.filter((x) => x.time >= newest - 2 * windowMs).slice(-MAX_OBSERVATIONS);
      if (keep.length < all.length) {
        // Trim only if nobody appended meanwhile; a lost race just trims later.
        try {
          await client.send(
            new sdk.UpdateItemCommand({
              TableName,
              Key: Key(key),
              UpdateExpression: 'SET obs = :keep',
              ConditionExpression: 'size(obs) = :n',
              ExpressionAttributeValues: { ':keep': { L: keep.map(toItem) }, ':n': { N: String(all.length) } },
            }),
            signal(),
          );
        } catch (error) {
          if (!conditionFailed(error)) throw error;
        }
      }
      return within(keep, o.time, windowMs);
    },
    async claim(key, start, until) {
      const { sdk, client } = await use();
      try {
        await client.send(
          new sdk.UpdateItemCommand({
            TableName,
            Key: Key(key),
            UpdateExpression: 'SET reportedUntil = :until, expiresAt = :exp',
            ConditionExpression: 'attribute_not_exists(reportedUntil) OR reportedUntil < :start',
            ExpressionAttributeValues: { ':until': { N: String(until) }, ':start': { N: String(start) }, ':exp': expiry(until - start) },
          }),
          signal(),
        );
        return true;
      } catch (error) {
        if (conditionFailed(error)) return false;
        throw error;
      }
    },
  };
}

function fromItem(v: AttributeValue): CorrelationObservation | undefined {
  const m = v.M;
  if (!m?.e?.S || !m.r?.S || !m.t?.N) return undefined;
  return { eventId: m.e.S, rule: m.r.S, time: Number(m.t.N), ...(m.v?.S !== undefined ? { value: m.v.S } : {}) };
}

function toItem(o: CorrelationObservation): AttributeValue {
  return { M: { e: { S: o.eventId }, r: { S: o.rule }, t: { N: String(o.time) }, ...(o.value !== undefined ? { v: { S: o.value } } : {}) } };
}
