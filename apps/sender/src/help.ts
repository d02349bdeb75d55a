/** The `--help` texts, by topic. */
export const HELP: Readonly<Record<string, string>> = {
  main: `Usage: clickwa <command> [flags]

Send WhatsApp messages through Clickatell's WhatsApp Enterprise API.

Commands:
  send text      --to NUMBER --text "..." [--preview-url]
  send template  --to NUMBER --template NAME [--param 1=VALUE ...]
  send media     --to NUMBER --file PATH [--caption "..."] [--content-type TYPE]
  bulk           --file recipients.csv|.jsonl [--text "..." | --template NAME --param-column COL ...]
                 [--dry-run] [--skip-invalid] [--results results.jsonl] | --resume results.jsonl
  reconcile      results.jsonl --gateway URL [--resend-after 30m]

Environment:
  CLICKATELL_API_KEY    the API key of your WhatsApp integration (required to send; the emulator's is
                        local-dev-key)
  CLICKATELL_BASE_URL   default https://platform.clickatell.com; the emulator's URL for local use
  CLICKATELL_API        one (One API) or wa (the WhatsApp Enterprise API, the default)
  CLICKWA_API_TOKEN     the gateway's API token (reconcile)
  AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_REGION (or AWS_DEFAULT_REGION)
                        AWS credentials and region for --encrypt --kms-key-id
  CLICKWA_ENCRYPTION_KEY
                        a local master key for --encrypt (base64 of 32 bytes; development)

Common flags:
  --base-url URL        overrides CLICKATELL_BASE_URL
  --api one|wa          overrides CLICKATELL_API (a resumed run keeps the API it started with)
  --timeout-ms N        per-request timeout (default 60000)
  --max-retries N       retries of requests nothing can have been accepted from (901, 429, refused
                        connections; default 2, bulk 5)
  --templates FILE      approved templates (JSON or YAML: name: body with {{1}}..{{N}}): names and
                        parameter counts are checked before anything is sent
  --allow-warnings      send messages WhatsApp will refuse at delivery (a template parameter with a
                        newline); without it they stop the send, exit 2
  --encrypt             encrypt content before it leaves (send, bulk), with data keys from
                        --kms-key-id KEY (AWS KMS; --kms-endpoint URL for another endpoint) or a local
                        master key: --encryption-key-file FILE or CLICKWA_ENCRYPTION_KEY (never on the
                        command line)
  --json                results as JSON lines
  -v, --verbose         stack traces and retry notices on stderr
  -h, --help            help; "clickwa help bulk" for a command

Exit codes: 0 every message accepted; 1 some not accepted (rejected, unknown, not sent); 2 bad input.`,
  send: `Usage:
  clickwa send text --to NUMBER [--to NUMBER ...] --text "..." [--preview-url]
  clickwa send template --to NUMBER --template NAME [--param 1=VALUE --param 2=VALUE ...]
  clickwa send media --to NUMBER --file PATH [--caption "..."] [--content-type image/png]

Numbers are international (+27821234567, 0027..., spaces allowed); a national number (0821234567) is refused.
Every message is validated before sending; an invalid one, or one WhatsApp will refuse at delivery (a
template parameter with a newline, a tab or five spaces), exits 2 without sending anything
(--allow-warnings sends the latter anyway). --templates FILE checks template names and parameter counts.
Prints one line per message: accepted with its messageId, or the outcome with the error code and description.`,
  bulk: `Usage: clickwa bulk --file FILE [mapping] [flags]
       clickwa bulk --resume results.jsonl [--file FILE]

FILE is CSV with a header row (.csv) or JSON lines (.jsonl). Each row becomes one message:
  --text "Hi {{name}}"         text, {{column}} filled from the row   [--preview-url]
  --template NAME              template; --param-column COL (repeatable) gives parameters 1..N in order,
                               --param N=VALUE a fixed parameter
  (neither)                    CSV: a "content" column of text; JSONL: each line is a message object
  --to-column COL              the recipient's column (default "to")
  --format csv|jsonl, --delimiter ";"

Every row is validated first, streaming. Invalid rows are listed (line number, error code) and nothing is
sent (exit 2), unless --skip-invalid, which records them rejected and sends the rest.
  --dry-run                    validate only and list every bad row
  --results PATH               the results file (default results.jsonl; must not exist)
  --resume PATH                continue the run recorded in PATH: sends the rows never sent, not sent, or
                               rejected with a retryable error (901...); accepted, unknown and permanently
                               rejected rows are never sent again
  --concurrency N              requests in flight (default 4)
  --templates FILE             check template names and parameter counts (JSON or YAML name: body)
  --allow-warnings             send rows WhatsApp will refuse at delivery (otherwise they are invalid)

Unknown rows (the run died, or an answer was lost) may have been accepted: clickwa reconcile settles them.

results.jsonl: a "run" line, then per row a "pending" line (synced before its batch is sent) and a result
line { line, to, clientMessageId, messageId, outcome, error }. clientMessageIds derive from the run id and
the line number, so a row keeps its id across resumes.`,
  reconcile: `Usage: clickwa reconcile results.jsonl --gateway URL [--resend-after 30m] [--json]

Settles the unknown rows of a bulk run (a crash, a lost answer) by asking the gateway that receives the
integration's status callbacks (GET /api/messages?clientMessageId=, token from CLICKWA_API_TOKEN):
  - a row the gateway has a status for was accepted: it becomes accepted, with its messageId and status;
  - a row with no status --resend-after (30m, 2h, or seconds) after it was sent was never accepted (the
    platform calls back at least once for every message it accepts): it becomes not-sent, and
    clickwa bulk --resume sends it;
  - any other row stays unknown; run reconcile again later.
Nothing is marked to send again unless the gateway holds a status for some row of the run (a wrong --gateway
would otherwise make every row look unanswered). Changes are appended to the results file.
Exit codes: 0 no row left unknown; 1 some left; 2 bad input or a refused token.`,
};
