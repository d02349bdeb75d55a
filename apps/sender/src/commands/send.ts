import { isClickwaError, media, type OutboundMessage, template, text, validateMessage } from '@clickwa/core';
import { clientFromEnv } from '../client-from-env.ts';
import type { SendCommand } from '../command.ts';
import { badInput, EXIT, type ExitCode } from '../exit-codes.ts';
import { formatResult, jsonResult } from '../format-result.ts';
import { type CliIo, line } from '../io.ts';
import { readMedia } from '../read-media.ts';

function build(command: SendCommand, to: string, bytes: Uint8Array | undefined): OutboundMessage {
  try {
    if (command.kind === 'text') {
      return text(to, command.text ?? '', command.previewUrl ? { previewFirstUrl: true } : {});
    }
    if (command.kind === 'template') return template(to, command.template ?? '', command.params);
    return media(to, bytes ?? new Uint8Array(), {
      ...(command.caption === undefined ? {} : { caption: command.caption }),
      ...(command.contentType === undefined ? {} : { contentType: command.contentType }),
    });
  } catch (error) {
    // The builders refuse video, a caption on audio and undetectable media types.
    if (isClickwaError(error)) {
      const code = typeof error.code === 'number' ? `${error.code} ` : '';
      throw badInput(`${command.file ?? 'message'}: ${code}${error.description}`, error);
    }
    throw error;
  }
}

/**
 * `clickwa send text|template|media`: builds one message per `--to`, validates them all with the core (an
 * invalid one exits 2, nothing sent), sends them in one call and prints one line (or JSON) per result.
 */
export async function sendCommand(command: SendCommand, io: CliIo): Promise<ExitCode> {
  const client = clientFromEnv(io, command.client, command.verbose);
  const bytes = command.kind === 'media' ? await readMedia(command.file!) : undefined;
  const messages = command.to.map((to) => build(command, to, bytes));
  const problems: string[] = [];
  for (const message of messages) {
    const checked = validateMessage(message);
    if (checked.success) continue;
    for (const i of checked.issues) {
      if (i.severity !== 'error') continue;
      const where = i.path?.[0] === 'to' ? `--to ${JSON.stringify(message.to)}` : command.kind;
      problems.push(`invalid ${where}: ${i.code === undefined ? '' : `${i.code} `}${i.message}`);
    }
  }
  if (problems.length > 0) throw badInput(problems.join('\n'));
  const results = await client.send(messages);
  for (const r of results) io.out(line(command.json ? jsonResult(r) : formatResult(r)));
  return results.every((r) => r.accepted) ? EXIT.ok : EXIT.sendFailed;
}
