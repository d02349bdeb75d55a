// The CLI as an operator meets it, on Node: nothing unclear (flags, not library options; the nearest flag;
// the delimiter to pass), nothing silent (warnings that mean a certain rejection stop the send), and a bin
// that works from the workspace root, from a package script and from a packed tarball.
import { execFile, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runClickwa } from './helpers/clickwa.ts';
import { type EmulatorProcess, startEmulator } from './helpers/emulator.ts';
import { readResults, writeRecipients } from './helpers/files.ts';

const API_KEY = 'sender-behaviour-key';
const ROOT = join(import.meta.dirname, '..', '..', '..');
const exec = promisify(execFile);

let emulator: EmulatorProcess;
let cwd: string;
let env: Record<string, string>;
const run = (args: string[], extra: Record<string, string> = {}) =>
  runClickwa('node', args, { cwd, env: { ...env, ...extra } });
const accepted = async () => (await emulator.stats()).messages.accepted;

beforeAll(async () => {
  emulator = await startEmulator(API_KEY, ['--seed', 'behaviour']);
  cwd = await mkdtemp(join(tmpdir(), 'clickwa-behaviour-'));
  env = { CLICKATELL_API_KEY: API_KEY, CLICKATELL_BASE_URL: emulator.url };
});
afterAll(async () => {
  await emulator?.stop();
  await rm(cwd, { recursive: true, force: true });
});

describe('warnings that mean WhatsApp will reject it', () => {
  const template = ['send', 'template', '--to', '+27891234567', '--template', 'payment_alert'];

  it('stop send: exit 2, the field named, nothing sent; --allow-warnings sends it', async () => {
    const before = await accepted();
    const r = await run([...template, '--param', '1=$150\nnow', '--param', '2=1234']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'clickwa: invalid template: 106 Template parameter "1" contains a newline, a tab or more than 4 consecutive spaces; WhatsApp rejects it at delivery (field hsm.parameters.1; --allow-warnings sends it anyway)\nclickwa: nothing was sent\n',
    );
    expect(await accepted()).toBe(before);
    const allowed = await run([
      ...template,
      '--param',
      '1=$150\nnow',
      '--param',
      '2=1234',
      '--allow-warnings',
    ]);
    expect(allowed.code).toBe(0);
    expect(allowed.stdout).toMatch(/^accepted /);
  });

  it('stop bulk with the line and field, nothing sent; --allow-warnings sends and a resume keeps it', async () => {
    await writeFile(join(cwd, 'params.csv'), 'to,amount,ref\n+27891234570,$1,1\n+27891234571,"$2\nnow",2\n');
    const args = ['bulk', '--file', 'params.csv', '--template', 'payment_alert', '--param-column', 'amount'];
    const before = await accepted();
    const r = await run([...args, '--param-column', 'ref', '--results', 'params.jsonl']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^line 3: 106 Template parameter "1" contains a newline.*\(field hsm\.parameters\.1; --allow-warnings sends it anyway\)$/m,
    );
    expect(r.stderr).toMatch(/1 of 2 rows are invalid \(listed above\); nothing was sent/);
    expect(await accepted()).toBe(before);
    const allowed = await run([
      ...args,
      '--param-column',
      'ref',
      '--results',
      'params2.jsonl',
      '--allow-warnings',
    ]);
    expect(allowed.code).toBe(0);
    const first = (await readFile(join(cwd, 'params2.jsonl'), 'utf8')).split('\n')[0]!;
    expect(JSON.parse(first)).toMatchObject({ type: 'run', allowWarnings: true });
  });
});

describe('--templates', () => {
  it('checks names and parameter counts locally, from JSON or YAML, before anything is sent', async () => {
    await writeFile(
      join(cwd, 'templates.yaml'),
      "# approved templates\npayment_alert: 'Alert: Payment of {{1}} was posted to your account ending in: {{2}}'\norder_shipped: Order {{1}} shipped\n",
    );
    await writeFile(join(cwd, 'templates.json'), JSON.stringify({ order_shipped: 'Order {{1}} shipped' }));
    const before = await accepted();
    const missing = await run([
      'send',
      'template',
      '--to',
      '+27891234572',
      '--template',
      'payment_alert',
      '--param',
      '1=$150',
      '--templates',
      'templates.yaml',
    ]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^clickwa: invalid template: 106 Template expects 2 parameters, got 1$/m);
    const unknown = await run([
      'send',
      'template',
      '--to',
      '+27891234572',
      '--template',
      'payment_alert',
      '--param',
      '1=$150',
      '--templates',
      'templates.json',
    ]);
    expect(unknown.stderr).toMatch(/106 Template "payment_alert" is not one of the approved templates/);
    await writeRecipients(join(cwd, 'tpl.csv'), 3, '2790');
    const dry = await run([
      'bulk',
      '--file',
      'tpl.csv',
      '--template',
      'payment_alert',
      '--param-column',
      'amount',
      '--templates',
      'templates.yaml',
      '--dry-run',
    ]);
    expect(dry.code).toBe(2);
    expect(dry.stdout.trim().split('\n')).toEqual([
      'line 2: 106 Template expects 2 parameters, got 1',
      'line 3: 106 Template expects 2 parameters, got 1',
      'line 4: 106 Template expects 2 parameters, got 1',
      '3 rows checked: 3 invalid',
    ]);
    expect(await accepted()).toBe(before);
    const broken = await run(['bulk', '--file', 'tpl.csv', '--dry-run', '--templates', 'tpl.csv']);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/^clickwa: --templates tpl\.csv: line 1: expected "template_name: body"$/m);
  });
});

describe("messages in the CLI's words", () => {
  it("an unknown flag gets the nearest one and the command's help, not the parser's text", async () => {
    const r = await run(['send', 'text', '--to', '+27891234573', '--txt', 'Hi']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('clickwa: unknown flag --txt; did you mean --text? (see clickwa help send)\n');
    const missing = await run(['bulk', '--file', 'x.csv', '--text', 'a', '--template', 'b']);
    expect(missing.stderr).toBe(
      'clickwa: bulk takes --text or --template, not both\nRun clickwa help bulk for usage.\n',
    );
  });

  it('media errors name --content-type, not the library option', async () => {
    await writeFile(join(cwd, 'blob.bin'), new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]));
    const r = await run(['send', 'media', '--to', '+27891234574', '--file', 'blob.bin']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^clickwa: blob\.bin: The media type cannot be told from the bytes; pass --content-type TYPE \(one of /,
    );
    expect(r.stderr).not.toMatch(/\{ contentType \}/);
  });

  it("a missing key says the emulator's key when the base URL is local", async () => {
    const r = await run(['send', 'text', '--to', '+27891234575', '--text', 'x'], { CLICKATELL_API_KEY: '' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^clickwa: CLICKATELL_API_KEY is not set: http:\/\/127\.0\.0\.1:\d+ is local, so for the emulator export CLICKATELL_API_KEY=local-dev-key/,
    );
    const remote = await run(['send', 'text', '--to', '+27891234575', '--text', 'x'], {
      CLICKATELL_API_KEY: '',
      CLICKATELL_BASE_URL: '',
    });
    expect(remote.stderr).toMatch(/Clickatell portal > WhatsApp > API key/);
  });
});

describe('files', () => {
  it('a CSV with only its header is exit 2 "no rows", with or without --dry-run', async () => {
    await writeFile(join(cwd, 'empty.csv'), 'to,name\n');
    for (const extra of [['--dry-run'], ['--results', 'empty.jsonl']]) {
      const r = await run(['bulk', '--file', 'empty.csv', '--text', 'Hi', ...extra]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^clickwa: \S*empty\.csv: no rows: /);
    }
  });

  it('a header with ";" or a tab suggests --delimiter', async () => {
    await writeFile(join(cwd, 'semi.csv'), 'to;name\n+27891234576;Ann\n');
    const r = await run(['bulk', '--file', 'semi.csv', '--text', 'Hi {{name}}', '--dry-run']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /the header has no column "to", "name" \(columns: to;name\); the header contains ";": pass --delimiter ";"$/m,
    );
    await writeFile(join(cwd, 'tabs.csv'), 'to\tname\n+27891234576\tAnn\n');
    const tabs = await run(['bulk', '--file', 'tabs.csv', '--text', 'Hi', '--dry-run']);
    expect(tabs.stderr).toMatch(/pass --delimiter \$'\\t'/);
    const fixed = await run([
      'bulk',
      '--file',
      'semi.csv',
      '--text',
      'Hi {{name}}',
      '--dry-run',
      '--delimiter',
      ';',
    ]);
    expect(fixed.code).toBe(0);
  });

  it('results carry the code and the description apart', async () => {
    await writeFile(join(cwd, 'mixed.csv'), 'to,name\n+27891234577,Ann\n0821234567,Bob\n');
    const r = await run([
      'bulk',
      '--file',
      'mixed.csv',
      '--text',
      'Hi',
      '--skip-invalid',
      '--results',
      'mixed.jsonl',
    ]);
    expect(r.code).toBe(1);
    const { final } = await readResults(join(cwd, 'mixed.jsonl'));
    const error = final.get(3)!.error!;
    expect(error.code).toBe(150);
    expect(error.description).not.toMatch(/^\d/);
    expect(error.description.length).toBeGreaterThan(10);
  });

  it('relative paths are the directory the user ran the command in (INIT_CWD), as pnpm passes it', async () => {
    const elsewhere = join(cwd, 'elsewhere');
    await mkdir(elsewhere, { recursive: true });
    await writeFile(join(cwd, 'here.csv'), 'to\n+27891234578\n');
    const r = await runClickwa(
      'node',
      ['bulk', '--file', 'here.csv', '--text', 'Hi', '--dry-run', '--json'],
      {
        cwd: elsewhere,
        env: { ...env, INIT_CWD: cwd },
      },
    );
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({ rows: 1, invalid: 0, valid: 1 });
  });
});

describe('a CLI that behaves like one', () => {
  it('a closed stdout pipe ends it quietly', async () => {
    const child = spawn(process.execPath, [join(ROOT, 'apps', 'sender', 'dist', 'main.js'), '--help'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.once('close', (c) => resolve(c)));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it('`pnpm exec clickwa` works from the workspace root, and `pnpm --silent sender ... --json` prints only JSON', async () => {
    const version = await exec('pnpm', ['exec', 'clickwa', '--version'], { cwd: ROOT });
    expect(version.stdout).toBe('clickwa 0.1.0\n');
    const sent = await exec(
      'pnpm',
      ['--silent', 'sender', 'send', 'text', '--to', '+27891234579', '--text', 'Hi', '--json'],
      { cwd: ROOT, env: { ...process.env, ...env, TURBO_TELEMETRY_DISABLED: '1' } },
    );
    expect(JSON.parse(sent.stdout)).toMatchObject({ outcome: 'accepted', to: '27891234579' });
  });

  it('packs into a tarball whose bin is clickwa, with the built file and its shebang', async () => {
    const dest = join(cwd, 'pack');
    await mkdir(dest, { recursive: true });
    await exec('pnpm', ['pack', '--pack-destination', dest], { cwd: join(ROOT, 'apps', 'sender') });
    await exec('tar', ['-xzf', join(dest, 'clickwa-cli-0.1.0.tgz'), '-C', dest]);
    const manifest = JSON.parse(await readFile(join(dest, 'package', 'package.json'), 'utf8')) as {
      bin: Record<string, string>;
      dependencies: Record<string, string>;
    };
    expect(manifest.bin).toEqual({ clickwa: './dist/main.js' });
    expect(manifest.dependencies['@clickwa/core']).toMatch(/^\d/);
    const main = await readFile(join(dest, 'package', 'dist', 'main.js'), 'utf8');
    expect(main.startsWith('#!/usr/bin/env node\n')).toBe(true);
  });
});

describe('the emulator says what happens to callbacks', () => {
  it('prints where callbacks go, with which credentials, and every failed delivery on stdout', async () => {
    const dead = await startEmulator('unused', []);
    const deadUrl = dead.url;
    await dead.stop();
    const loud = await startEmulator(
      API_KEY,
      [
        '--status-callback',
        `${deadUrl}/clickatell/status`,
        '--retry-backoff-ms',
        '5',
        '--first-status-ms',
        '0',
        '--step-ms',
        '1',
        '--jitter-ms',
        '0',
        '--duplicate-rate',
        '0',
      ],
      { callbacks: true },
    );
    try {
      while (!loud.stdout().includes('failed callback deliveries are printed'))
        await new Promise((resolve) => setTimeout(resolve, 10));
      expect(loud.stdout()).toMatch(
        /^ {2}callbacks: status -> http:\/\/127\.0\.0\.1:\d+\/clickatell\/status$/m,
      );
      expect(loud.stdout()).toMatch(
        /^ {2}callback credentials: username "clickatell", password "dev-callback-password" \(in each body\)$/m,
      );
      await runClickwa('node', ['send', 'text', '--to', '+27999900001', '--text', 'Hi'], {
        cwd,
        env: { ...env, CLICKATELL_BASE_URL: loud.url },
      });
      for (;;) {
        if ((loud.stdout().match(/gave up after 2 attempts/g) ?? []).length >= 1) break;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect(loud.stdout()).toMatch(
        / callback failed: status 1 \S+ of message [0-9a-f]{32} to http:\/\/127\.0\.0\.1:\d+\/clickatell\/status: .*ECONNREFUSED.*; attempt 1 of 2, next try in 5 ms$/m,
      );
    } finally {
      await loud.stop();
    }
  });
});
