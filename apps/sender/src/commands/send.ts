import {
  type Issue,
  isClickwaError,
  mediaFromBytes,
  type OutboundMessage,
  type SendResult,
  template,
  text,
  validateMessage,
} from '@clickwa/core';
import { blockingIssues, describeIssue } from '../bulk/check-row.ts';
import { inCliWords } from '../cli-words.ts';
import { clientFromEnv, resolveApi } from '../client-from-env.ts';
import type { SendCommand } from '../command.ts';
import { encryptionFromEnv } from '../encryption-from-env.ts';
import { badInput, EXIT, type ExitCode } from '../exit-codes.ts';
import { formatResult, jsonResult } from '../format-result.ts';
import { type CliIo, line } from '../io.ts';
import { describeDenial, permissionDenial } from '../permission-denial.ts';
import { readMedia } from '../read-media.ts';
import { readTemplates } from '../read-templates.ts';

function build(command: SendCommand, to: string, bytes: Uint8Array | undefined): OutboundMessage {
  try {
    if (command.kind === 'text') {
      return text(to, command.text ?? '', command.previewUrl ? { previewFirstUrl: true } : {});
    }
    if (command.kind === 'template') return template(to, command.template ?? '', command.params);
    const built = mediaFromBytes(to, bytes ?? new Uint8Array(), {
      ...(command.caption === undefined ? {} : { caption: command.caption }),
      ...(command.contentType === undefined ? {} : { contentType: command.contentType }),
    });
    if (built.success) return built.output;
    // A caption on audio, an undetectable media type, a file over the limit: the core's one rule.
    const [first] = built.issues;
    const code = first?.code === undefined ? '' : `${first.code} `;
    throw badInput(`${command.file ?? 'message'}: ${code}${inCliWords(first?.message ?? 'invalid media')}`);
  } catch (error) {
    // The builders refuse what they cannot build.
    if (isClickwaError(error)) {
      const code = typeof error.code === 'number' ? `${error.code} ` : '';
      throw badInput(`${command.file ?? 'message'}: ${code}${inCliWords(error.description)}`, error);
    }
    throw error;
  }
}

const where = (command: SendCommand, message: OutboundMessage, i: Issue): string =>
  i.path?.[0] === 'to' ? `--to ${JSON.stringify(message.to)}` : command.kind;

/** The first result that failed on a missing Deno permission: nothing can be sent until the flag is added. */
const deniedIn = (results: readonly SendResult[]) => {
  for (const r of results) {
    const denial = r.accepted ? undefined : permissionDenial(r.error);
    if (denial) return denial;
  }
  return undefined;
};

/**
 * `clickwa send text|template|media`: builds one message per `--to`, validates them all with the core (an
 * invalid one, or one WhatsApp will refuse at delivery, exits 2 with nothing sent), sends them in one call
 * and prints one line (or JSON) per result.
 */
export async function sendCommand(command: SendCommand, io: CliIo): Promise<ExitCode> {
  const api = resolveApi(io, command.client.api);
  const client = clientFromEnv(io, { ...command.client, api }, command.verbose);
  const encryption = command.client.encryption && (await encryptionFromEnv(io, command.client.encryption));
  const templates = command.templates === undefined ? undefined : await readTemplates(command.templates);
  const bytes = command.kind === 'media' ? await readMedia(command.file!) : undefined;
  const messages = command.to.map((to) => build(command, to, bytes));
  const problems: string[] = [];
  const warnings = new Set<string>();
  for (const message of messages) {
    const checked = validateMessage(message, {
      api,
      ...(templates ? { templates: templates.registry } : {}),
    });
    const issues = checked.issues ?? [];
    const blocking = blockingIssues(issues, command.allowWarnings);
    for (const i of blocking) {
      problems.push(`invalid ${where(command, message, i)}: ${inCliWords(describeIssue(i))}`);
    }
    for (const i of issues) {
      if (!blocking.includes(i) && i.severity === 'warning')
        warnings.add(`warning: ${where(command, message, i)}: ${inCliWords(i.message)}`);
    }
  }
  if (problems.length > 0) throw badInput(`${problems.join('\n')}\nnothing was sent`);
  for (const w of warnings) io.err(line(w));
  const results = await client.send(messages, encryption ? { encryption } : {});
  const denial = deniedIn(results);
  if (denial) throw badInput(`${describeDenial(denial)}; nothing was sent`);
  for (const r of results) io.out(line(command.json ? jsonResult(r) : formatResult(r)));
  return results.every((r) => r.accepted) ? EXIT.ok : EXIT.sendFailed;
}
