/**
 * A small fault-injecting TCP proxy for the fault suite. It sits between a
 * client (the handler under test) and a real local server (s3rver,
 * dynalite, smtp-server, the Bot API fake) and, on demand, breaks the
 * connection the way networks do:
 *
 * - `refuse`: nothing listens on the port (ECONNREFUSED);
 * - `reset`: the connection is reset after `afterBytes` from the server;
 * - `stall`: after `afterBytes` from the server nothing more arrives, the
 *   connection stays open (a hung server: `afterBytes: 0` never answers);
 * - `trickle`: the server's bytes arrive `bytesPerTick` every `tickMs`.
 *
 * A fault applies to every connection, or only from the moment the client
 * sent bytes matching `when` (e.g. the key of one S3 object), so one request
 * of a keep-alive connection can be slowed while the others pass.
 *
 * @example
 * ```ts
 * const proxy = await startFaultProxy(s3.endpoint);
 * proxy.set({ kind: 'trickle', bytesPerTick: 64, tickMs: 250 }, 'second-object');
 * // point the handler at proxy.url instead of s3.endpoint
 * ```
 */
import { type Server, type Socket, connect, createServer } from 'node:net';
import type { AddressInfo } from 'node:net';

/** A way to break a connection. */
export type Fault =
  | { readonly kind: 'pass' }
  | { readonly kind: 'refuse' }
  | { readonly kind: 'reset'; readonly afterBytes?: number }
  | { readonly kind: 'stall'; readonly afterBytes?: number }
  | { readonly kind: 'trickle'; readonly bytesPerTick: number; readonly tickMs: number };

/** A running proxy. */
export interface FaultProxy {
  /** `http://127.0.0.1:<port>`: use it in place of the upstream's URL. */
  readonly url: string;
  readonly port: number;
  /** Connections accepted so far. */
  readonly connections: () => number;
  /** Apply `fault` to every connection, or from the moment the client sends bytes matching `when`. */
  set(fault: Fault, when?: string | RegExp): Promise<void>;
  stop(): Promise<void>;
}

interface Rule {
  readonly fault: Fault;
  readonly when?: string | RegExp;
}

const matches = (text: string, when: string | RegExp) => (typeof when === 'string' ? text.includes(when) : when.test(text));

/** Start a proxy on 127.0.0.1 in front of `upstream` (`http://host:port` or `host:port`). */
export async function startFaultProxy(upstream: string): Promise<FaultProxy> {
  const target = new URL(upstream.includes('://') ? upstream : `tcp://${upstream}`);
  const upstreamHost = target.hostname;
  const upstreamPort = Number(target.port);
  let rule: Rule = { fault: { kind: 'pass' } };
  let accepted = 0;
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const server: Server = createServer((client) => handle(client));
  let port = 0;
  let listening = false;

  function handle(client: Socket): void {
    accepted += 1;
    const upstreamSocket = connect(upstreamPort, upstreamHost);
    sockets.add(client);
    sockets.add(upstreamSocket);
    const connectionRule = rule;
    let active: Fault | undefined = connectionRule.when === undefined ? connectionRule.fault : undefined;
    let sent = 0; // server bytes forwarded since the fault became active
    let seen = '';
    const queue: Buffer[] = [];
    let ticker: NodeJS.Timeout | undefined;
    const close = () => {
      if (ticker) clearInterval(ticker);
      client.destroy();
      upstreamSocket.destroy();
    };
    client.on('data', (chunk: Buffer) => {
      if (active === undefined && connectionRule.when !== undefined) {
        seen = (seen + chunk.toString('latin1')).slice(-65_536);
        if (matches(seen, connectionRule.when)) active = connectionRule.fault;
      }
      if (active?.kind === 'refuse' || (active?.kind === 'reset' && (active.afterBytes ?? 0) === 0)) {
        client.resetAndDestroy();
        upstreamSocket.destroy();
        return;
      }
      upstreamSocket.write(chunk);
    });
    upstreamSocket.on('data', (chunk: Buffer) => down(chunk));
    const down = (chunk: Buffer): void => {
      const fault = active ?? { kind: 'pass' as const };
      switch (fault.kind) {
        case 'pass':
        case 'refuse':
          client.write(chunk);
          return;
        case 'reset':
        case 'stall': {
          const room = Math.max(0, (fault.afterBytes ?? 0) - sent);
          if (room > 0) client.write(chunk.subarray(0, room));
          sent += Math.min(room, chunk.length);
          if (chunk.length > room) {
            if (fault.kind === 'reset') {
              client.resetAndDestroy();
              upstreamSocket.destroy();
            } else {
              upstreamSocket.pause();
            }
          }
          return;
        }
        case 'trickle':
          queue.push(chunk);
          ticker ??= setInterval(() => {
            let budget = fault.bytesPerTick;
            while (budget > 0 && queue.length > 0) {
              const head = queue[0] as Buffer;
              const part = head.subarray(0, budget);
              client.write(part);
              budget -= part.length;
              if (part.length === head.length) queue.shift();
              else queue[0] = head.subarray(part.length);
            }
          }, fault.tickMs);
          if (ticker) timers.add(ticker);
          return;
      }
    };
    client.on('error', close);
    upstreamSocket.on('error', close);
    client.on('close', close);
    upstreamSocket.on('end', () => {
      if (!active || active.kind === 'pass') client.end();
    });
  }

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        port = (server.address() as AddressInfo).port;
        listening = true;
        resolve();
      });
    });
  const unlisten = () =>
    new Promise<void>((resolve) => {
      if (!listening) return resolve();
      listening = false;
      for (const socket of sockets) socket.destroy();
      sockets.clear();
      server.close(() => resolve());
    });
  await listen();

  return {
    get url() {
      return `http://127.0.0.1:${port}`;
    },
    get port() {
      return port;
    },
    connections: () => accepted,
    async set(fault, when) {
      rule = { fault, ...(when !== undefined ? { when } : {}) };
      if (fault.kind === 'refuse' && when === undefined) await unlisten();
      else if (!listening) await listen();
    },
    async stop() {
      for (const timer of timers) clearInterval(timer);
      await unlisten();
    },
  };
}
