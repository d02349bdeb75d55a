#!/usr/bin/env node
// A short tour of @clickwa/core on the spec's own samples: validate a send request, render a template,
// parse every callback sample. Run by `pnpm start` until the local stack exists.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineTemplates, getMessageStatus, parseCallback, validateSendRequest } from '../dist/index.js';

const dir = join(import.meta.dirname, '..', 'test', 'fixtures', 'spec');
const load = (name) => JSON.parse(readFileSync(join(dir, name), 'utf8'));
const templates = defineTemplates({
  payment_alert: 'Alert: Payment of {{1}} was posted to your account ending in: {{2}}',
});

console.log('clickwa core demo\n');
const request = {
  messages: [
    ...load('7.1.1-send-text.request.json').messages,
    ...load('7.1.4-send-template.request.json').messages,
    { to: '0821234567', content: 'a national number' },
    { to: '+27 99 900 0002', content: '' },
  ],
};
const checked = validateSendRequest(request, { templates });
console.log(`validateSendRequest: ${checked.success ? 'valid' : 'rejected'}`);
for (const issue of checked.issues ?? []) {
  console.log(`  message ${issue.messageIndex}: ${issue.severity} ${issue.code ?? ''} ${issue.message}`);
}
const hsm = request.messages[1].hsm;
console.log(`\nTemplate ${hsm.template} renders as:\n  ${templates.render(hsm.template, hsm.parameters)}\n`);

for (const file of readdirSync(dir).filter((f) => /^7\.[23]/.test(f))) {
  const parsed = parseCallback(load(file));
  if (!parsed.success) {
    console.log(`${file}: ${parsed.issues.map((i) => i.message).join('; ')}`);
    continue;
  }
  const e = parsed.output;
  const what =
    e.kind === 'status'
      ? `status ${e.statusCode} ${getMessageStatus(e.statusCode).status}`
      : `message (${e.type}) from ${e.from}`;
  console.log(`${file.padEnd(36)} ${what} at ${new Date(e.timestamp).toISOString()}`);
}
