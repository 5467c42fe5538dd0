/** The `backfill` part of the help text (main.ts shows it without loading backfill.ts and its SQS client). */
export const BACKFILL_USAGE = `Backfill (through a deployed trigger: sqs function):
  audit-responder backfill s3://BUCKET/PREFIX... --queue URL [--since T] [--until T]
                 [--accounts A,B] [--regions R,S] [--notify none|digest|all] [--config FILE]
                 [--concurrency N]
  --queue URL          the function's SQS (or Yandex Message Queue) queue URL
  --concurrency N      listings and SendMessageBatch calls in flight
  --notify MODE        digest (default): one summary for the whole backfill;
                       none: no alerts; all: alert every old finding as live`;
