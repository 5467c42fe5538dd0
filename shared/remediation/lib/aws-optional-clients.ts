/**
 * The clients added for issue #14 are optional members of `AwsClients`
 * (older test doubles lack them); this reads one or throws a clear error,
 * which `guarded` turns into a `failed` outcome.
 */
import type { ActionContext, AwsClients } from '../action.js';

type Optional = 'cloudtrail' | 'lambda' | 'kms' | 'sqs' | 'sns' | 'secretsManager' | 'ecr' | 'efs';

/** The `name` client for `region`. */
export function clientOf<K extends Optional>(context: ActionContext, name: K, region: string): ReturnType<NonNullable<AwsClients[K]>> {
  const make = context.aws[name] as ((region: string) => ReturnType<NonNullable<AwsClients[K]>>) | undefined;
  if (!make) throw new Error(`no ${name} client in this context`);
  return make(region);
}

/** The plan's region, else the finding's (as `regionOf`). */
export function planRegion(target: { readonly [key: string]: unknown }, fallback: string): string {
  return typeof target.region === 'string' && target.region !== '' ? target.region : fallback;
}
