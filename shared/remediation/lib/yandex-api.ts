/**
 * Yandex Cloud REST calls with the function's IAM token. The token comes
 * from the call context (`context.token.access_token`) or the metadata
 * service; base URLs are configurable (tests point them at a local server).
 */
import { describeError } from '../../errors.js';
import type { YandexApi } from '../action.js';

/** Default API hosts (REFERENCE: api-ref pages). */
export const YANDEX_API_HOSTS: Readonly<Record<string, string>> = {
  vpc: 'https://vpc.api.cloud.yandex.net',
  storage: 'https://storage.api.cloud.yandex.net',
  'resource-manager': 'https://resource-manager.api.cloud.yandex.net',
  iam: 'https://iam.api.cloud.yandex.net',
  lockbox: 'https://lockbox.api.cloud.yandex.net',
  kms: 'https://kms.api.cloud.yandex.net',
  'organization-manager': 'https://organization-manager.api.cloud.yandex.net',
  // Access bindings of serverless resources and registries (issue #14; api-ref `…/updateAccessBindings` pages).
  'serverless-functions': 'https://serverless-functions.api.cloud.yandex.net',
  'serverless-containers': 'https://serverless-containers.api.cloud.yandex.net',
  'serverless-apigateway': 'https://serverless-apigateway.api.cloud.yandex.net',
  'container-registry': 'https://container-registry.api.cloud.yandex.net',
};

const METADATA_TOKEN_URL = 'http://169.254.169.254/computeMetadata/v1/instance/service-accounts/default/token';

/** Options of {@link createYandexApi}. */
export interface YandexApiOptions {
  /** Host overrides by API name. */
  readonly hosts?: Readonly<Record<string, string>>;
  /** The IAM token, when the call context has one. */
  readonly token?: () => string | undefined;
  /** Where to ask for a token otherwise. @default the metadata service */
  readonly metadataUrl?: string;
  readonly fetch?: typeof fetch;
  readonly timeoutMs?: number;
}

/** A {@link YandexApi} over fetch. Errors never contain the token. */
export function createYandexApi(options: YandexApiOptions = {}): YandexApi {
  const hosts = { ...YANDEX_API_HOSTS, ...options.hosts };
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 10_000;
  let cached: { token: string; expires: number } | undefined;

  async function token(): Promise<string> {
    const fromContext = options.token?.();
    if (fromContext) return fromContext;
    if (cached && cached.expires > Date.now()) return cached.token;
    const res = await doFetch(options.metadataUrl ?? METADATA_TOKEN_URL, {
      headers: { 'Metadata-Flavor': 'Google' },
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!res.ok) throw new Error(`metadata service answered ${res.status}`);
    const body = (await res.json()) as { access_token?: string; expires_in?: number };
    if (!body.access_token) throw new Error('metadata service gave no access_token');
    cached = { token: body.access_token, expires: Date.now() + Math.max(0, (body.expires_in ?? 300) - 60) * 1000 };
    return cached.token;
  }

  return {
    url(api, path) {
      const host = hosts[api];
      if (!host) throw new Error(`unknown Yandex API "${api}"`);
      return `${host.replace(/\/+$/, '')}${path}`;
    },
    async request(method, url, body, requestOptions) {
      let res: Response;
      const timeout = AbortSignal.timeout(timeoutMs);
      const signal = requestOptions?.signal ? AbortSignal.any([timeout, requestOptions.signal]) : timeout;
      try {
        res = await doFetch(url, {
          method,
          headers: { authorization: `Bearer ${await token()}`, 'content-type': 'application/json' },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          signal,
        });
      } catch (error) {
        throw new Error(`${method} ${url}: ${describeError(error)}`);
      }
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // keep the text
      }
      return { status: res.status, body: parsed };
    },
  };
}
