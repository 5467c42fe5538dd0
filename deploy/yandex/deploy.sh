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
#
# Config values cannot steer the script: every value is checked against the
# grammar of what it is (Yandex ids, bucket name, emails, chat ids, the YDB
# Document API endpoint) before anything runs, and is passed as one argument.
# Environment variables go one per `--environment KEY=VALUE` flag: `yc` reads
# that flag as a string-to-string map (pflag `stringToString`), which takes an
# argument holding exactly one `=` whole, commas included, and merges repeated
# flags. No validated value holds `=` or `"`, so no value can add a variable.
#
# Access of the function's service account, bound on the resources themselves:
#   storage.viewer          on the trail bucket        (read the log objects)
#   lockbox.payloadViewer   on the one Lockbox secret  (one key per notifier secret:
#                           scripts/secret-names.ts, e.g. TELEGRAM_BOT_TOKEN, SMTP_URL)
#   ydb.editor              on the one YDB database    (the ledger table)
#   functions.functionInvoker on the function          (the trigger invokes it)
# Folder-wide, because no narrower binding exists or can be known in advance:
#   remediation roles (scripts/yandex-roles.ts, only for actions enabled in
#     enforce mode): an action changes whichever bucket, security group or
#     binding a future finding names, anywhere in the folder;
#   ymq.writer (only with deadLetterQueueId) and ymq.reader (only with
#     backfillQueueId): Message Queue roles are granted on the folder; queues
#     have no access bindings of their own.
#
# Optional triggers, each invoking its own function made from the same package:
#   heartbeat: on          → ${name}-heartbeat (entry index.heartbeat), a timer
#                            trigger every heartbeatMinutes (default 15);
#   backfillQueueId: ARN   → ${name}-queue (entry index.queue), a Message Queue
#                            trigger on that queue (`audit-responder backfill --queue`).
set -euo pipefail
cd "$(dirname "$0")/../.."

die() {
  printf 'deploy.sh: %s\n' "$*" >&2
  exit 64
}

stage=${1:-}
action=${2:-deploy}
[[ $stage =~ ^[a-z0-9][a-z0-9-]{0,29}$ ]] || die "usage: deploy.sh STAGE [remove]; STAGE is lower-case letters, digits and '-' (got $(printf %q "$stage"))"
[[ $action == deploy || $action == remove ]] || die "unknown action $(printf %q "$action") (expected remove or nothing)"
config="config/${stage}.yml"
[ -f "$config" ] || die "no stage file ${config}"

# deploy.yandex.<key> of the stage file; the file and key are arguments, never code.
get() {
  node -e '
    const [file, key] = process.argv.slice(1);
    const c = require("yaml").parse(require("fs").readFileSync(file, "utf8")) ?? {};
    const v = (c.deploy?.yandex ?? {})[key];
    if (v != null && typeof v !== "string" && typeof v !== "number") {
      process.stderr.write(`deploy.yandex.${key} must be a string\n`);
      process.exit(65);
    }
    process.stdout.write(v == null ? "" : String(v));
  ' "$config" "$1"
}

# check KEY VALUE PATTERN WHAT: VALUE must match PATTERN as a whole.
check() {
  [[ $2 =~ $3 ]] || die "deploy.yandex.$1 in ${config} must be $4 (got $(printf %q "$2"))"
}
# optional KEY VALUE PATTERN WHAT: as check, but empty is allowed.
optional() {
  [ -z "$2" ] || check "$@"
}

ID='^[a-z][a-z0-9]{19}$'
BUCKET='^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$'
PREFIX='^[A-Za-z0-9/_.-]{1,512}$'
DOCAPI='^https://docapi\.serverless\.yandexcloud\.net/ru-central1/[a-z][a-z0-9]{19}/([a-z][a-z0-9]{19})$'
TABLE='^[A-Za-z0-9_.-]{3,255}$'
QUEUE='^(yrn:yc:ymq:ru-central1:[a-z][a-z0-9]{19}:[A-Za-z0-9_-]{1,80}|[a-z][a-z0-9]{19})$'
CHAT='(-?[0-9]{1,20}|@[A-Za-z][A-Za-z0-9_]{3,31})(:[0-9]{1,10})?(@(info|low|medium|high|critical))?'
EMAIL='[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(\.[A-Za-z0-9-]{1,63})+'
ROLE='^[a-z][A-Za-z0-9.-]{1,80}$'
QUEUE_ARN='^yrn:yc:ymq:ru-central1:[a-z][a-z0-9]{19}:[A-Za-z0-9_-]{1,80}$'
ONOFF='^(on|off)$'
MINUTES='^([1-9]|[1-5][0-9])$'

folder=$(get folderId)
bucket=$(get trailBucket)
prefix=$(get trailPrefix)
lockbox=$(get lockboxSecretId)        # Lockbox secret holding the notifiers' secret keys (TELEGRAM_BOT_TOKEN, SMTP_URL, ...)
ledger=$(get ledgerEndpoint)          # YDB serverless Document API endpoint (DynamoDB-compatible)
ledger_table=$(get ledgerTable)
queue=$(get deadLetterQueueId)        # Message Queue for failed trigger deliveries
chats=$(get telegramChatIds)
email_from=$(get emailFrom)
email_to=$(get emailTo)
heartbeat=$(get heartbeat)            # on: the silence alarm's timer trigger
heartbeat_minutes=$(get heartbeatMinutes)
backfill_queue=$(get backfillQueueId) # Message Queue ARN that `backfill --queue` sends to

check folderId "$folder" "$ID" 'a folder id (20 lower-case letters and digits, b1g...)'
check trailBucket "$bucket" "$BUCKET" 'a bucket name'
optional trailPrefix "$prefix" "$PREFIX" 'an object prefix (letters, digits, / _ . -)'
optional lockboxSecretId "$lockbox" "$ID" 'a Lockbox secret id (e6q...)'
optional ledgerEndpoint "$ledger" "$DOCAPI" 'a YDB Document API endpoint https://docapi.serverless.yandexcloud.net/ru-central1/<cloud id>/<database id>'
optional ledgerTable "$ledger_table" "$TABLE" 'a table name (letters, digits, _ . -)'
optional deadLetterQueueId "$queue" "$QUEUE" 'a Message Queue id or yrn:yc:ymq:... ARN'
optional telegramChatIds "$chats" "^${CHAT}(,${CHAT})*\$" 'comma-separated chatId[:threadId][@minSeverity]'
optional emailFrom "$email_from" "^(${EMAIL}|[A-Za-z0-9 ._-]{1,64} <${EMAIL}>)\$" 'an email address or "Name <address>"'
optional emailTo "$email_to" "^${EMAIL}(,${EMAIL})*\$" 'comma-separated email addresses'
optional heartbeat "$heartbeat" "$ONOFF" 'on or off'
optional heartbeatMinutes "$heartbeat_minutes" "$MINUTES" 'minutes between silence checks (1-59)'
optional backfillQueueId "$backfill_queue" "$QUEUE_ARN" 'a Message Queue ARN yrn:yc:ymq:ru-central1:<folder id>:<queue name>'
heartbeat_minutes=${heartbeat_minutes:-15}
database=""
if [ -n "$ledger" ]; then
  [[ $ledger =~ $DOCAPI ]] && database=${BASH_REMATCH[1]}
  [ -n "$ledger_table" ] || die "deploy.yandex.ledgerTable in ${config} is required with ledgerEndpoint"
fi

name="audit-responder-${stage}"
sa="${name}-sa"

if [ "$action" = remove ]; then
  for part in heartbeat queue; do
    yc serverless trigger delete --name "${name}-${part}-trigger" --folder-id "$folder" >/dev/null 2>&1 || true
    yc serverless function delete --name "${name}-${part}" --folder-id "$folder" >/dev/null 2>&1 || true
  done
  yc serverless trigger delete --name "${name}-trigger" --folder-id "$folder" || true
  yc serverless function delete --name "$name" --folder-id "$folder" || true
  yc iam service-account delete --name "$sa" --folder-id "$folder" || true
  exit 0
fi

# Remediation roles, only when config enables enforce mode (see README: Remediation).
remediation_roles=$(npx --no-install tsx scripts/yandex-roles.ts "$config")
for role in $remediation_roles; do
  [[ $role =~ $ROLE ]] || die "scripts/yandex-roles.ts printed an invalid role $(printf %q "$role")"
done

npm run iam -- --stage "$stage"
npm run package:yandex -- --stage "$stage"

# id_of KIND: the id of a resource from `yc ... get --format json` on stdin, checked.
id_of() {
  local id
  id=$(node -e 'let s="";process.stdin.on("data",(d)=>{s+=d}).on("end",()=>process.stdout.write(String(JSON.parse(s).id??"")))')
  [[ $id =~ $ID ]] || die "yc returned an unexpected $1 id $(printf %q "$id")"
  printf '%s' "$id"
}

# grant WHAT COMMAND...: add one access binding; an existing one is fine, any other failure stops.
grant() {
  local what=$1 out
  shift
  if ! out=$("$@" 2>&1 >/dev/null); then
    [[ $out == *lready* ]] || die "cannot grant ${what}: ${out}"
  fi
}

yc iam service-account get --name "$sa" --folder-id "$folder" >/dev/null 2>&1 \
  || yc iam service-account create --name "$sa" --folder-id "$folder"
sa_id=$(yc iam service-account get --name "$sa" --folder-id "$folder" --format json | id_of 'service account')

grant "storage.viewer on bucket ${bucket}" \
  yc storage bucket add-access-binding "$bucket" --role storage.viewer --service-account-id "$sa_id"
if [ -n "$lockbox" ]; then
  grant "lockbox.payloadViewer on secret ${lockbox}" \
    yc lockbox secret add-access-binding --id "$lockbox" --role lockbox.payloadViewer --service-account-id "$sa_id"
fi
if [ -n "$database" ]; then
  grant "ydb.editor on database ${database}" \
    yc ydb database add-access-binding --id "$database" --role ydb.editor --service-account-id "$sa_id"
fi
folder_roles="$remediation_roles"
[ -z "$queue" ] || folder_roles="$folder_roles ymq.writer"
[ -z "$backfill_queue" ] || folder_roles="$folder_roles ymq.reader"
for role in $folder_roles; do
  grant "${role} on folder ${folder}" \
    yc resource-manager folder add-access-binding "$folder" --role "$role" --service-account-id "$sa_id"
done

# function_id NAME: create the function when missing, let the service account invoke it, print its id.
function_id() {
  local id
  yc serverless function get --name "$1" --folder-id "$folder" >/dev/null 2>&1 \
    || yc serverless function create --name "$1" --folder-id "$folder" >/dev/null
  id=$(yc serverless function get --name "$1" --folder-id "$folder" --format json | id_of function)
  grant "functions.functionInvoker on function ${id}" \
    yc serverless function add-access-binding --id "$id" --role functions.functionInvoker --service-account-id "$sa_id"
  printf '%s' "$id"
}
fn_id=$(function_id "$name")

# One --environment flag per variable (see the top of this file).
environment=()
env_var() {
  [ -n "$2" ] || return 0
  [[ $2 != *[=\"]* ]] || die "internal: value of $1 holds = or \""
  environment+=(--environment "$1=$2")
}
env_var AUDIT_RESPONDER_CONFIG "config/${stage}.json"
if [ -n "$ledger" ]; then
  env_var LEDGER_TABLE "$ledger_table"
  env_var LEDGER_ENDPOINT "$ledger"
  env_var LEDGER_REGION ru-central1
fi
env_var TELEGRAM_CHAT_IDS "$chats"
env_var EMAIL_FROM "$email_from"
env_var EMAIL_TO "$email_to"
env_var RESPONDER_PRINCIPAL_ARN "$sa_id"

# One Lockbox key per secret the notifiers declare (scripts/secret-names.ts).
secrets=()
if [ -n "$lockbox" ]; then
  secret_names=$(npx --no-install tsx scripts/secret-names.ts)
  for key in $secret_names; do
    [[ $key =~ ^[A-Z][A-Z0-9_]*$ ]] || die "scripts/secret-names.ts printed an invalid name $(printf %q "$key")"
    secrets+=(--secret "id=${lockbox},key=${key},environment-variable=${key}")
  done
fi
# version FUNCTION ENTRYPOINT: a new version of FUNCTION from the one package.
version() {
  yc serverless function version create \
    --function-name "$1" --folder-id "$folder" \
    --runtime nodejs22 --entrypoint "$2" \
    --memory 512m --execution-timeout 120s \
    --service-account-id "$sa_id" \
    --source-path "dist/yandex/${stage}/function.zip" \
    "${environment[@]}" \
    ${secrets[@]+"${secrets[@]}"}
}
version "$name" index.handler

trigger=(--bucket-id "$bucket" --suffix .json)
[ -z "$prefix" ] || trigger+=(--prefix "$prefix")
[ -z "$queue" ] || trigger+=(--dlq-queue-id "$queue" --dlq-service-account-id "$sa_id")
yc serverless trigger get --name "${name}-trigger" --folder-id "$folder" >/dev/null 2>&1 \
  || yc serverless trigger create object-storage --name "${name}-trigger" --folder-id "$folder" \
       "${trigger[@]}" \
       --events create-object \
       --invoke-function-id "$fn_id" --invoke-function-service-account-id "$sa_id" \
       --batch-size 10 --batch-cutoff 10s \
       --retry-attempts 3 --retry-interval 30s

# The silence alarm: a timer trigger on its own function (Yandex cron: minutes hours day month weekday year).
if [ "$heartbeat" = on ]; then
  hb_id=$(function_id "${name}-heartbeat")
  version "${name}-heartbeat" index.heartbeat
  yc serverless trigger get --name "${name}-heartbeat-trigger" --folder-id "$folder" >/dev/null 2>&1 \
    || yc serverless trigger create timer --name "${name}-heartbeat-trigger" --folder-id "$folder" \
         --cron-expression "0/${heartbeat_minutes} * ? * * *" \
         --invoke-function-id "$hb_id" --invoke-function-service-account-id "$sa_id"
fi

# Backfill: a Message Queue trigger on its own function; `audit-responder backfill --queue` sends to the queue.
if [ -n "$backfill_queue" ]; then
  q_id=$(function_id "${name}-queue")
  version "${name}-queue" index.queue
  yc serverless trigger get --name "${name}-queue-trigger" --folder-id "$folder" >/dev/null 2>&1 \
    || yc serverless trigger create message-queue --name "${name}-queue-trigger" --folder-id "$folder" \
         --queue "$backfill_queue" --queue-service-account-id "$sa_id" \
         --invoke-function-id "$q_id" --invoke-function-service-account-id "$sa_id" \
         --batch-size 10 --batch-cutoff 10s
fi
echo "deployed ${name}: logs with: yc serverless function logs ${name} --folder-id ${folder} --follow"
