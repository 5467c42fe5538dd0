#!/usr/bin/env bash
# Deploy audit-responder to Yandex Cloud Functions with the `yc` CLI.
#
#   deploy/yandex/deploy.sh STAGE        # reads config/STAGE.yml (deploy.yandex section)
#   deploy/yandex/deploy.sh STAGE remove # deletes the trigger, function and service account
#
# Why not `serverless deploy`: the Yandex provider plugin for the Serverless
# Framework (@yandex-cloud/serverless-plugin 1.7.5) only accepts runtimes up to
# nodejs16, which Yandex Cloud no longer supports. The `yc` CLI is the standard
# tool; this script is idempotent (re-running updates the function version).
set -euo pipefail
cd "$(dirname "$0")/../.."
stage=${1:?usage: deploy.sh STAGE [remove]}
action=${2:-deploy}
config="config/${stage}.yml"
get() { node -e "const y=require('yaml');const c=y.parse(require('fs').readFileSync('${config}','utf8'));const v=(c.deploy?.yandex??{})['$1'];process.stdout.write(v==null?'':String(v))"; }

folder=$(get folderId)
bucket=$(get trailBucket)
prefix=$(get trailPrefix)
lockbox=$(get lockboxSecretId)        # Lockbox secret holding TELEGRAM_BOT_TOKEN / SMTP_URL keys
ledger=$(get ledgerEndpoint)          # YDB serverless Document API endpoint (DynamoDB-compatible)
ledger_table=$(get ledgerTable)
queue=$(get deadLetterQueueId)        # Message Queue for failed trigger deliveries
name="audit-responder-${stage}"
sa="${name}-sa"
: "${folder:?deploy.yandex.folderId is required in ${config}}"
: "${bucket:?deploy.yandex.trailBucket is required in ${config}}"

if [ "$action" = remove ]; then
  yc serverless trigger delete --name "${name}-trigger" --folder-id "$folder" || true
  yc serverless function delete --name "$name" --folder-id "$folder" || true
  yc iam service-account delete --name "$sa" --folder-id "$folder" || true
  exit 0
fi

npm run iam -- --stage "$stage"
npm run package:yandex -- --stage "$stage"

# Service account: read the audit bucket, read its secrets, use the ledger, invoke the function.
yc iam service-account get --name "$sa" --folder-id "$folder" >/dev/null 2>&1 \
  || yc iam service-account create --name "$sa" --folder-id "$folder"
sa_id=$(yc iam service-account get --name "$sa" --folder-id "$folder" --format json | node -pe 'JSON.parse(require("fs").readFileSync(0)).id')
roles="storage.viewer lockbox.payloadViewer ydb.editor functions.functionInvoker"
# Remediation roles, only when config enables enforce mode (see README: Remediation).
roles="$roles $(npx --no-install tsx scripts/yandex-roles.ts "$config")"
for role in $roles; do
  yc resource-manager folder add-access-binding "$folder" --role "$role" --service-account-id "$sa_id" >/dev/null || true
done

yc serverless function get --name "$name" --folder-id "$folder" >/dev/null 2>&1 \
  || yc serverless function create --name "$name" --folder-id "$folder"

secrets=()
if [ -n "$lockbox" ]; then
  secrets+=(--secret "id=${lockbox},key=TELEGRAM_BOT_TOKEN,environment-variable=TELEGRAM_BOT_TOKEN")
  secrets+=(--secret "id=${lockbox},key=SMTP_URL,environment-variable=SMTP_URL")
fi
yc serverless function version create \
  --function-name "$name" --folder-id "$folder" \
  --runtime nodejs22 --entrypoint index.handler \
  --memory 512m --execution-timeout 120s \
  --service-account-id "$sa_id" \
  --source-path "dist/yandex/${stage}/function.zip" \
  --environment "AUDIT_RESPONDER_CONFIG=config/${stage}.json,LEDGER_TABLE=${ledger_table},LEDGER_ENDPOINT=${ledger},LEDGER_REGION=ru-central1,TELEGRAM_CHAT_IDS=$(get telegramChatIds),EMAIL_FROM=$(get emailFrom),EMAIL_TO=$(get emailTo),RESPONDER_PRINCIPAL_ARN=${sa_id}" \
  "${secrets[@]}"

fn_id=$(yc serverless function get --name "$name" --folder-id "$folder" --format json | node -pe 'JSON.parse(require("fs").readFileSync(0)).id')
yc serverless trigger get --name "${name}-trigger" --folder-id "$folder" >/dev/null 2>&1 \
  || yc serverless trigger create object-storage --name "${name}-trigger" --folder-id "$folder" \
       --bucket-id "$bucket" --prefix "$prefix" --suffix .json \
       --events create-object \
       --invoke-function-id "$fn_id" --invoke-function-service-account-id "$sa_id" \
       --batch-size 10 --batch-cutoff 10s \
       --retry-attempts 3 --retry-interval 30s \
       ${queue:+--dlq-queue-id "$queue" --dlq-service-account-id "$sa_id"}
echo "deployed ${name}: logs with: yc serverless function logs ${name} --folder-id ${folder} --follow"
