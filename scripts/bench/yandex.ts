/**
 * Deterministic Yandex Cloud Audit Trails events (snake_case, int64 as
 * strings), for the benchmark: mostly everyday management and data events,
 * about 1.5 % events the rules look at but that are harmless, and about 1 %
 * dangerous changes the rules fire on.
 */
import type { Generated, Json, Kind } from './cloudtrail.js';
import { type Rng, type WeightedTable, createRng } from './rng.js';

/** Share of events per kind. */
export const YANDEX_MIX = { dangerous: 0.01, watched: 0.015 } as const;

const START = Date.UTC(2026, 9, 1, 12, 0, 0);
const ID = 'abcdefghijklmnopqrstuv0123456789';

const PATH = [
  { resource_type: 'organization-manager.organization', resource_id: 'bpfk3m7example00org1', resource_name: 'acme' },
  { resource_type: 'resource-manager.cloud', resource_id: 'b1gq4example0cloud01', resource_name: 'acme-prod' },
  { resource_type: 'resource-manager.folder', resource_id: 'b1g2example0folder01', resource_name: 'web' },
] as const;

const PEOPLE = [
  { subject_type: 'YANDEX_PASSPORT_USER_ACCOUNT', subject_id: 'ajeexample0olga00001', subject_name: 'olga.smirnova' },
  { subject_type: 'YANDEX_PASSPORT_USER_ACCOUNT', subject_id: 'ajeexample0ivan00001', subject_name: 'ivan.petrov' },
  { subject_type: 'FEDERATED_USER_ACCOUNT', subject_id: 'ajeexample0fed000001', subject_name: 'anna@acme.example', federation: { id: 'bpfexample0federat01', name: 'acme-sso' } },
] as const;

const ROBOTS = [
  { subject_type: 'SERVICE_ACCOUNT', subject_id: 'ajeexample0sa0ci0001', subject_name: 'ci-deployer' },
  { subject_type: 'SERVICE_ACCOUNT', subject_id: 'ajeexample0sa0app001', subject_name: 'orders-app' },
  { subject_type: 'SERVICE_ACCOUNT', subject_id: 'ajeexample0sa0etl001', subject_name: 'etl-runner' },
] as const;

const AGENTS = [
  'Yandex Cloud CLI/0.141.0 linux/amd64',
  'Terraform/1.9.5 (+https://www.terraform.io) terraform-provider-yandex/0.129.0',
  'grpc-go/1.65.0',
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/127.0.0.0 Safari/537.36',
] as const;

interface Ctx {
  readonly rng: Rng;
  readonly time: string;
}

type Template = (c: Ctx) => Json;

interface EventOptions {
  readonly service: string;
  readonly name: string;
  readonly details: Json;
  readonly who?: Json;
  readonly request?: Json;
  readonly response?: Json;
  readonly status?: 'DONE' | 'ERROR' | 'STARTED';
}

function yid(rng: Rng, prefix: string): string {
  return prefix + rng.chars(17, ID);
}

/** One event with the envelope Audit Trails writes. */
function event(c: Ctx, o: EventOptions): Json {
  const who = o.who ?? c.rng.pick<Json>(c.rng.chance(0.7) ? ROBOTS : PEOPLE);
  const failed = o.status === 'ERROR';
  return {
    event_id: yid(c.rng, 'cnp'),
    event_source: o.service,
    event_type: `yandex.cloud.audit.${o.service}.${o.name}`,
    event_time: c.time,
    authentication: {
      authenticated: true,
      ...who,
      token_info: { masked_iam_token: `t1.9euelZq${c.rng.chars(12, ID)}**********`, iam_token_id: yid(c.rng, 'aje') },
    },
    authorization: { authorized: !failed },
    resource_metadata: { path: PATH },
    request_metadata: {
      remote_address: who.subject_type === 'SERVICE_ACCOUNT' ? `10.128.${c.rng.int(256)}.${c.rng.between(1, 254)}` : `192.0.2.${c.rng.between(1, 254)}`,
      user_agent: c.rng.pick(AGENTS),
      request_id: c.rng.uuid(),
    },
    event_status: o.status ?? 'DONE',
    ...(failed ? { error: { code: 7, message: 'Permission denied' } } : {}),
    details: o.details,
    ...(o.request ? { request_parameters: o.request } : {}),
    ...(o.response ? { response: o.response } : {}),
  };
}

const BUCKETS = ['acme-reports', 'acme-media', 'acme-backups', 'acme-static'] as const;

// ---------------------------------------------------------------- everyday noise

const noise: WeightedTable<readonly [string, Template]> = [
  [20, ['storage-object-create', (c) => {
    const bucket = c.rng.pick(BUCKETS);
    return event(c, {
      service: 'storage', name: 'ObjectCreate', who: c.rng.pick(ROBOTS),
      details: { bucket_id: bucket, object_key: `uploads/2026/10/01/${c.rng.hex(24)}.${c.rng.pick(['jpg', 'json', 'parquet'])}`, version_id: c.rng.chars(16, ID), object_size: String(c.rng.between(1000, 5_000_000)), storage_class: 'STANDARD' },
    });
  }]],
  [15, ['kms-decrypt', (c) => event(c, {
    service: 'kms', name: 'Decrypt', who: c.rng.pick(ROBOTS),
    details: { key_id: yid(c.rng, 'abj'), key_name: c.rng.pick(['orders-db-key', 'backups-key']), version_id: yid(c.rng, 'abj') },
  })]],
  [12, ['compute-update-instance', (c) => {
    const id = yid(c.rng, 'fhm');
    return event(c, {
      service: 'compute', name: c.rng.pick(['UpdateInstance', 'StartInstance', 'StopInstance', 'RestartInstance']),
      details: { instance_id: id, instance_name: `web-${c.rng.between(1, 40)}`, zone_id: c.rng.pick(['ru-central1-a', 'ru-central1-b', 'ru-central1-d']), labels: { env: 'prod', team: 'web' } },
      request: { instance_id: id, update_mask: { paths: ['labels', 'metadata'] } },
      response: { operation_id: yid(c.rng, 'fhm') },
    });
  }]],
  [10, ['compute-create-disk', (c) => event(c, {
    service: 'compute', name: c.rng.pick(['CreateDisk', 'CreateSnapshot']),
    details: { disk_id: yid(c.rng, 'fhm'), disk_name: `data-${c.rng.hex(6)}`, zone_id: 'ru-central1-a', size: String(c.rng.pick([10, 20, 100]) * 1073741824), type_id: 'network-ssd' },
  })]],
  [8, ['iam-create-iam-token', (c) => event(c, {
    service: 'iam', name: 'CreateIamTokenForServiceAccount', who: c.rng.pick(ROBOTS),
    details: { service_account_id: c.rng.pick(ROBOTS).subject_id, service_account_name: c.rng.pick(ROBOTS).subject_name },
  })]],
  [6, ['network-create-address', (c) => event(c, {
    service: 'network', name: c.rng.pick(['CreateAddress', 'UpdateSubnet', 'CreateRouteTable']),
    details: { address_id: yid(c.rng, 'e9b'), address_name: `lb-${c.rng.hex(4)}`, folder_id: PATH[2].resource_id, external_ipv4_address: { zone_id: 'ru-central1-a' } },
  })]],
  [5, ['mdb-update-cluster', (c) => event(c, {
    service: 'mdb.postgresql', name: 'UpdateCluster',
    details: { cluster_id: yid(c.rng, 'c9q'), cluster_name: 'orders-pg' },
    request: { update_mask: { paths: ['config_spec.postgresql_config_15.max_connections'] }, config_spec: { postgresql_config_15: { max_connections: '400' } } },
  })]],
  [4, ['serverless-create-version', (c) => event(c, {
    service: 'serverless.functions', name: 'CreateFunctionVersion', who: ROBOTS[0],
    details: { function_id: yid(c.rng, 'd4e'), function_name: 'audit-responder', function_version_id: yid(c.rng, 'd4e'), tags: ['$latest'] },
  })]],
  [3, ['denied-delete-bucket', (c) => event(c, {
    service: 'storage', name: 'BucketDelete', who: PEOPLE[1], status: 'ERROR',
    details: { bucket_id: c.rng.pick(BUCKETS) },
  })]],
];

// ---------------------------------------------------------------- watched but harmless

const watched: WeightedTable<readonly [string, Template]> = [
  [3, ['bucket-update-private', (c) => event(c, {
    service: 'storage', name: 'BucketUpdate', who: ROBOTS[0],
    details: { bucket_id: c.rng.pick(BUCKETS), objects_access: 'false', list_access: 'false', settings_read_access: 'false', max_size: '0', storage_class: 'STANDARD' },
  })]],
  [3, ['sg-update-internal', (c) => event(c, {
    service: 'network', name: 'UpdateSecurityGroup', who: ROBOTS[0],
    details: {
      security_group_id: yid(c.rng, 'enp'), security_group_name: 'db-internal', network_id: 'enpexample0network01', network_name: 'prod-net',
      rules: [{ id: yid(c.rng, 'enp'), direction: 'INGRESS', ports: { from_port: '6432', to_port: '6432' }, protocol_name: 'TCP', protocol_number: '6', cidr_blocks: { v4_cidr_blocks: ['10.128.0.0/16'] } }],
    },
  })]],
  [2, ['folder-binding-viewer', (c) => event(c, {
    service: 'resourcemanager', name: 'UpdateFolderAccessBindings', who: PEOPLE[0],
    details: { folder_id: PATH[2].resource_id, folder_name: 'web', access_binding_deltas: [{ action: 'ADD', access_binding: { role_id: 'viewer', subject_id: 'ajeexample0auditor01', subject_type: 'YANDEX_PASSPORT_USER_ACCOUNT', subject_name: 'auditor' } }] },
  })]],
  [2, ['bucket-policy-office-only', (c) => {
    const bucket = c.rng.pick(BUCKETS);
    return event(c, {
      service: 'storage', name: 'BucketPolicyUpdate', who: ROBOTS[0],
      details: { bucket_id: bucket, policy_text: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${bucket}/*`, Condition: { IpAddress: { 'aws:sourceip': ['10.0.0.0/8'] } } }] }) },
    });
  }]],
];

// ---------------------------------------------------------------- dangerous changes

const dangerous: WeightedTable<readonly [string, Template]> = [
  [3, ['sg-ingress-world', (c) => event(c, {
    service: 'network', name: c.rng.pick(['UpdateSecurityGroup', 'CreateSecurityGroup']), who: PEOPLE[0],
    details: {
      security_group_id: yid(c.rng, 'enp'), security_group_name: 'web-frontend', network_id: 'enpexample0network01', network_name: 'prod-net',
      rules: [
        { id: yid(c.rng, 'enp'), direction: 'INGRESS', ports: { from_port: '443', to_port: '443' }, protocol_name: 'TCP', protocol_number: '6', cidr_blocks: { v4_cidr_blocks: ['10.0.0.0/8'] } },
        { id: yid(c.rng, 'enp'), direction: 'INGRESS', ports: { from_port: '22', to_port: '22' }, protocol_name: 'TCP', protocol_number: '6', cidr_blocks: { v4_cidr_blocks: ['10.0.0.0/8', '0.0.0.0/0'] } },
        { id: yid(c.rng, 'enp'), direction: 'EGRESS', protocol_name: 'ANY', protocol_number: '-1', cidr_blocks: { v4_cidr_blocks: ['0.0.0.0/0'] } },
      ],
    },
  })]],
  [2, ['bucket-anonymous-read', (c) => event(c, {
    service: 'storage', name: 'BucketUpdate', who: PEOPLE[1],
    details: { bucket_id: c.rng.pick(BUCKETS), objects_access: 'true', list_access: 'false', settings_read_access: 'false', max_size: '0', storage_class: 'STANDARD' },
  })]],
  [2, ['bucket-acl-all-users', (c) => event(c, {
    service: 'storage', name: 'BucketAclUpdate', who: PEOPLE[1],
    details: { bucket_id: c.rng.pick(BUCKETS), acl: { grants: [{ subject_id: PEOPLE[1].subject_id, subject_name: 'ivan.petrov', subject_type: 'YANDEX_PASSPORT_USER_ACCOUNT', permission: 'FULL_CONTROL', grant_type: 'ACCOUNT' }, { permission: 'READ', grant_type: 'ALL_USERS' }] } },
  })]],
  [2, ['bucket-policy-public', (c) => {
    const bucket = c.rng.pick(BUCKETS);
    return event(c, {
      service: 'storage', name: 'BucketPolicyUpdate', who: PEOPLE[0],
      details: { bucket_id: bucket, policy_text: JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'public-read', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${bucket}/*` }] }) },
    });
  }]],
  [2, ['folder-binding-admin', (c) => event(c, {
    service: 'resourcemanager', name: 'UpdateFolderAccessBindings', who: PEOPLE[0],
    details: { folder_id: PATH[2].resource_id, folder_name: 'web', access_binding_deltas: [{ action: 'ADD', access_binding: { role_id: 'admin', subject_id: 'ajeexample0contractor', subject_type: 'YANDEX_PASSPORT_USER_ACCOUNT', subject_name: 'contractor.ext' } }] },
  })]],
  [1, ['cloud-binding-all-users', (c) => event(c, {
    service: 'resourcemanager', name: 'UpdateCloudAccessBindings', who: PEOPLE[2],
    details: { cloud_id: PATH[1].resource_id, cloud_name: 'acme-prod', access_binding_deltas: [{ action: 'ADD', access_binding: { role_id: 'viewer', subject_id: 'allUsers', subject_type: 'SYSTEM' } }] },
  })]],
];

/** Template names by kind, for tests. */
export const YANDEX_TEMPLATES: Readonly<Record<Kind, readonly string[]>> = {
  noise: noise.map(([, [name]]) => name),
  watched: watched.map(([, [name]]) => name),
  dangerous: dangerous.map(([, [name]]) => name),
};

const tables: Record<Kind, WeightedTable<readonly [string, Template]>> = { noise, watched, dangerous };

/** Build one event of a named template (tests use it to check every template). */
export function yandexFromTemplate(kind: Kind, template: string, seed = 1): Json {
  const entry = tables[kind].find(([, [name]]) => name === template);
  if (!entry) throw new Error(`no ${kind} template ${template}`);
  return entry[1][1](context(createRng(seed), 0));
}

function context(rng: Rng, index: number): Ctx {
  // Microsecond timestamps, as Audit Trails writes them.
  const ms = START + index * 3 + rng.int(3);
  const micros = String(rng.int(1000)).padStart(3, '0');
  return { rng, time: new Date(ms).toISOString().replace(/Z$/, `${micros}Z`) };
}

/** `count` events from `seed`: the same sequence every time. */
export function* yandexEvents(count: number, seed: number): Generator<Generated> {
  const rng = createRng(seed);
  for (let index = 0; index < count; index++) {
    const roll = rng.next();
    const kind: Kind = roll < YANDEX_MIX.dangerous ? 'dangerous' : roll < YANDEX_MIX.dangerous + YANDEX_MIX.watched ? 'watched' : 'noise';
    const [template, make] = rng.weighted(tables[kind]);
    yield { kind, template, record: make(context(rng, index)) };
  }
}
