/**
 * The streams and settings a CLI command runs with: the process's own, or
 * captured ones in tests.
 */
import type { S3ClientConfig } from '@aws-sdk/client-s3';
import type { SQSClientConfig } from '@aws-sdk/client-sqs';

/** Streams the CLI writes to (tests capture them). */
export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly isTty: boolean;
  readonly env: NodeJS.ProcessEnv;
  /** Whether stderr is a terminal (the progress line). @default false */
  readonly errIsTty?: boolean;
  /** Stops a scan cleanly (Ctrl-C). @default SIGINT of this process */
  readonly signal?: AbortSignal;
  /** Extra S3 / SQS client settings (tests: static credentials). */
  readonly s3Client?: Partial<S3ClientConfig>;
  readonly sqsClient?: Partial<SQSClientConfig>;
  /** Clock for relative `--since` (tests). @default Date.now */
  readonly now?: () => number;
}
