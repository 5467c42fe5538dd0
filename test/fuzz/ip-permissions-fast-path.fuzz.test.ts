/**
 * The EC2 ingress walk of shared/rules/lib/aws-ip-permissions.ts gives
 * exactly what the code before it gave (test/fuzz/reference/aws-ip-permissions.ts):
 * `ingressPermissions`, `worldOpen`, and `openIngressPermissions` (rule ids
 * attached after the world-open check) equal to `worldOpen(ingressPermissions(…))`,
 * for `AuthorizeSecurityGroupIngress` records of every logged shape — the
 * `{"items":[…]}` wrapper, a bare list or one object; new and legacy field
 * names; ports as numbers, strings or junk; ranges that are internal, world
 * open, split in halves, padded or not CIDRs; responses whose rule set does
 * or does not match, egress rules included.
 *
 * Runs: 2 000 + 1 000.
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { parseCloudTrailRecord } from '../../shared/formats/aws-cloudtrail.js';
import { ingressPermissions, openIngressPermissions, worldOpen } from '../../shared/rules/lib/aws-ip-permissions.js';
import type { AuditEvent } from '../../shared/types.js';
import { asParsedJson } from '../helpers/arbitraries.js';
import { cloudTrailRecord } from '../helpers/cloudtrail.js';
import * as reference from './reference/aws-ip-permissions.js';
import { expectSameOutput, objectsIn } from './same-output.js';

const cidr = fc.oneof(
  fc.constantFrom('10.20.0.0/16', '0.0.0.0/0', '::/0', '0.0.0.0/1', '128.0.0.0/1', '::/1', '8000::/1', ' 0.0.0.0/0 ', '0.0.0.0/00', '', 'sg-1', '203.0.113.7/32'),
  fc.tuple(fc.ipV4(), fc.integer({ min: 0, max: 32 })).map(([a, p]) => `${a}/${p}`),
  fc.constantFrom(0, 12, null, true, {}),
);
const protocol = fc.oneof(fc.constantFrom('tcp', 'TCP', 'udp', '-1', '6', 'icmp'), fc.constantFrom(6, -1, null, undefined, {}));
const portValue = fc.oneof(fc.constantFrom(22, 443, 0, -1, 65535), fc.constantFrom('22', ' 443 ', '', 'x', null, undefined, Number.NaN, {}));

/** `{"items":[…]}`, a bare list, one object, or something else. */
function wrapped<T>(item: fc.Arbitrary<T>) {
  return fc.oneof(
    fc.array(item, { maxLength: 3 }).map((items) => ({ items })),
    fc.array(item, { maxLength: 3 }),
    item,
    fc.constantFrom({}, null, 'x', { items: null }),
  );
}

const permissionEntry = fc.record(
  {
    ipProtocol: protocol,
    IpProtocol: protocol,
    fromPort: portValue,
    toPort: portValue,
    FromPort: portValue,
    ToPort: portValue,
    ipRanges: wrapped(fc.record({ cidrIp: cidr, description: fc.constant('managed by terraform') }, { requiredKeys: [] })),
    ipv6Ranges: wrapped(fc.record({ cidrIpv6: cidr }, { requiredKeys: [] })),
    cidrIp: cidr,
    cidrIpv6: cidr,
    CidrIpv4: cidr,
    CidrIpv6: cidr,
    cidrIpv4: cidr,
    groups: fc.constant({}),
  },
  { requiredKeys: [] },
);

const returnedRule = fc.record(
  {
    securityGroupRuleId: fc.oneof(fc.constantFrom('sgr-0a1b2c3d4e5f60718', '', 7, null)),
    isEgress: fc.constantFrom(false, true, 'true', undefined),
    ipProtocol: protocol,
    fromPort: portValue,
    toPort: portValue,
    cidrIpv4: cidr,
    cidrIpv6: cidr,
  },
  { requiredKeys: [] },
);

/** A request and a response; the response often echoes the request's ranges, as EC2 does. */
const ingress = fc
  .tuple(
    fc.record({ groupId: fc.constant('sg-0123456789abcdef0'), ipPermissions: wrapped(permissionEntry) }, { requiredKeys: ['groupId'] }),
    permissionEntry,
    fc.array(returnedRule, { maxLength: 3 }),
    fc.boolean(),
  )
  .map(([request, flat, returned, echo]) => {
    const entries = reference.items(request.ipPermissions);
    const echoed = echo
      ? entries.flatMap((e) =>
          reference.items(e.ipRanges).map((r, i) => ({ securityGroupRuleId: `sgr-${i}`, isEgress: false, ipProtocol: e.ipProtocol, fromPort: e.fromPort, toPort: e.toPort, cidrIpv4: r.cidrIp })),
        )
      : [];
    return { request: { ...flat, ...request }, response: { securityGroupRuleSet: { items: [...echoed, ...returned] } } };
  });

function eventOf(request: unknown, response: unknown): AuditEvent {
  const record = asParsedJson(
    cloudTrailRecord({ eventSource: 'ec2.amazonaws.com', eventName: 'AuthorizeSecurityGroupIngress', requestParameters: request, responseElements: response }),
  );
  const parsed = parseCloudTrailRecord(record, { key: 'fuzz.json', index: 0 });
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.event;
}

describe('EC2 ingress permissions equal the reference', () => {
  it('ingressPermissions, worldOpen and openIngressPermissions (2 000 runs)', () => {
    fc.assert(
      fc.property(ingress, ({ request, response }) => {
        // Prepare
        const event = eventOf(request, response);
        const input = objectsIn(event);

        // Act
        const expected = reference.ingressPermissions(event);
        const expectedOpen = reference.worldOpen(expected);

        // Assess
        expectSameOutput(ingressPermissions(event), expected, input);
        expectSameOutput(worldOpen(expected), expectedOpen, input);
        expectSameOutput(openIngressPermissions(event), expectedOpen, input);
      }),
      { numRuns: 2000 },
    );
  });

  it('worldOpen on permission lists grouped by protocol and ports (1 000 runs)', () => {
    const perm = fc.record(
      { protocol: fc.constantFrom('tcp', 'TCP', '-1'), from: fc.constantFrom(22, 443, undefined), to: fc.constantFrom(22, undefined), cidr: fc.constantFrom('0.0.0.0/1', '128.0.0.0/1', '0.0.0.0/0', ' ::/0', '10.0.0.0/8', '::/1', '8000::/1') },
      { requiredKeys: ['protocol', 'cidr'] },
    );
    fc.assert(
      fc.property(fc.array(perm, { maxLength: 8 }), (perms) => {
        // Act + Assess: the same permission objects, in the same order.
        const expected = reference.worldOpen(perms);
        expectSameOutput(worldOpen(perms), expected, objectsIn(perms));
      }),
      { numRuns: 1000 },
    );
  });
});
