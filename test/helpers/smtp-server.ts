/**
 * A real SMTP server (the `smtp-server` package) on 127.0.0.1 for tests;
 * received messages are parsed with `mailparser`.
 */
import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A running SMTP server and what it received. */
export interface TestSmtp {
  readonly port: number;
  readonly received: ParsedMail[];
  /** Envelope recipients per message. */
  readonly recipients: string[][];
  stop(): Promise<void>;
}

/** Start a plain (no TLS) SMTP server that requires the given login. */
export async function startSmtp(user: string, pass: string): Promise<TestSmtp> {
  const received: ParsedMail[] = [];
  const recipients: string[][] = [];
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    authOptional: false,
    onAuth(auth, _session, callback) {
      if (auth.username === user && auth.password === pass) return callback(null, { user });
      return callback(new Error('Invalid username or password'));
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          received.push(mail);
          recipients.push(session.envelope.rcptTo.map((r) => r.address));
          callback();
        })
        .catch(callback);
    },
    logger: false,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return { port, received, recipients, stop: () => new Promise((resolve) => server.close(() => resolve())) };
}
