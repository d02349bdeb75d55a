import { describe, expect, it } from 'vitest';
import { parseCommand, parseDuration, parseParams } from './args.ts';
import { CliError } from './exit-codes.ts';

const fails = (argv: string[], message: RegExp) => {
  let error: unknown;
  try {
    parseCommand(argv);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(CliError);
  expect((error as CliError).exitCode).toBe(2);
  expect((error as CliError).message).toMatch(message);
};

describe('parseCommand', () => {
  it('reads the send commands', () => {
    expect(
      parseCommand([
        'send',
        'text',
        '--to',
        '+27821234567',
        '--to',
        '+27821234568',
        '--text',
        'Hi',
        '--preview-url',
      ]),
    ).toMatchObject({
      name: 'send',
      kind: 'text',
      to: ['+27821234567', '+27821234568'],
      text: 'Hi',
      previewUrl: true,
    });
    expect(
      parseCommand([
        'send',
        'template',
        '--to',
        '1',
        '--template',
        'payment_alert',
        '--param',
        '1=$150',
        '--param',
        '2=a=b',
      ]),
    ).toMatchObject({
      kind: 'template',
      params: { '1': '$150', '2': 'a=b' },
    });
    expect(
      parseCommand([
        'send',
        'media',
        '--to',
        '1',
        '--file',
        'a.pdf',
        '--caption',
        'c',
        '--timeout-ms',
        '500',
      ]),
    ).toMatchObject({
      kind: 'media',
      file: 'a.pdf',
      caption: 'c',
      client: { timeoutMs: 500 },
    });
  });

  it('reads bulk, new and resumed', () => {
    expect(
      parseCommand([
        'bulk',
        '--file',
        'r.csv',
        '--template',
        't',
        '--param-column',
        'a',
        '--param',
        '2=x',
        '--concurrency',
        '8',
      ]),
    ).toMatchObject({
      name: 'bulk',
      file: 'r.csv',
      template: 't',
      paramColumns: ['a'],
      params: { '2': 'x' },
      dryRun: false,
      client: { concurrency: 8 },
    });
    expect(parseCommand(['bulk', '--resume', 'results.jsonl'])).toMatchObject({
      name: 'bulk',
      resume: 'results.jsonl',
    });
  });

  it('reads reconcile, with durations in s, m, h, d or plain seconds', () => {
    expect(
      parseCommand([
        'reconcile',
        'results.jsonl',
        '--gateway',
        'http://127.0.0.1:8787',
        '--resend-after',
        '30m',
      ]),
    ).toEqual({
      name: 'reconcile',
      results: 'results.jsonl',
      gateway: 'http://127.0.0.1:8787',
      resendAfterMs: 1_800_000,
      json: false,
      verbose: false,
    });
    expect(parseDuration('x', '45')).toBe(45_000);
    expect(parseDuration('x', '2h')).toBe(7_200_000);
    expect(parseDuration('x', '1d')).toBe(86_400_000);
    expect(parseDuration('x', '0')).toBe(0);
    expect(parseDuration('x', '1.5s')).toBe(1500);
  });

  it('reads --templates and --allow-warnings, and keeps them out of a resume', () => {
    expect(
      parseCommand([
        'bulk',
        '--file',
        'r.csv',
        '--template',
        't',
        '--templates',
        't.yaml',
        '--allow-warnings',
      ]),
    ).toMatchObject({ templates: 't.yaml', allowWarnings: true });
    expect(
      parseCommand(['send', 'template', '--to', '1', '--template', 't', '--templates', 't.json']),
    ).toMatchObject({ templates: 't.json', allowWarnings: false });
    fails(['bulk', '--resume', 'r.jsonl', '--allow-warnings'], /leave out --allow-warnings/);
    fails(
      ['send', 'text', '--to', '1', '--text', 'x', '--templates', 't.json'],
      /--templates is not an option of "send text"/,
    );
  });

  it('reads --api one|wa for every command, and refuses anything else', () => {
    expect(
      parseCommand(['send', 'text', '--to', '27821234567', '--text', 'hi', '--api', 'one']),
    ).toMatchObject({
      client: { api: 'one' },
    });
    expect(parseCommand(['bulk', '--file', 'a.csv', '--text', 'hi', '--api', 'wa'])).toMatchObject({
      client: { api: 'wa' },
    });
    fails(['send', 'text', '--to', '27821234567', '--text', 'hi', '--api', 'v1'], /--api takes one .* or wa/);
  });

  it('answers help and version', () => {
    expect(parseCommand([])).toEqual({ name: 'help' });
    expect(parseCommand(['help', 'bulk'])).toEqual({ name: 'help', topic: 'bulk' });
    expect(parseCommand(['bulk', '--help'])).toEqual({ name: 'help', topic: 'bulk' });
    expect(parseCommand(['--version'])).toEqual({ name: 'version' });
    expect(parseCommand(['reconcile', '--help'])).toEqual({ name: 'help', topic: 'reconcile' });
  });

  it('refuses what it cannot use, in one line', () => {
    fails(['frob'], /unknown command "frob"/);
    fails(['send'], /needs a kind/);
    fails(['send', 'text', '--text', 'x'], /needs --to/);
    fails(
      ['send', 'text', '--to', '1', '--text', 'x', '--caption', 'c'],
      /--caption is not an option of "send text"/,
    );
    fails(['send', 'text', '--to', '1', '--bogus'], /^unknown flag --bogus \(see clickwa help send\)$/);
    // The parser's own text is not shown: the flag, the nearest known one, and the help of the command.
    fails(
      ['send', 'text', '--to', '1', '--txt', 'Hi'],
      /^unknown flag --txt; did you mean --text\? \(see clickwa help send\)$/,
    );
    fails(
      ['bulk', '--fil', 'r.csv'],
      /^unknown flag --fil; did you mean --file\? \(see clickwa help bulk\)$/,
    );
    fails(['--verbos'], /^unknown flag --verbos; did you mean --verbose\? \(see clickwa --help\)$/);
    fails(['send', 'text', '--to'], /^--to needs a value \(see clickwa help send\)$/);
    fails(['reconcile', 'r.jsonl'], /reconcile needs --gateway URL/);
    fails(['reconcile', '--gateway', 'http://x'], /reconcile needs the results file/);
    fails(['reconcile', 'r.jsonl', '--gateway', 'http://x', '--resend-after', 'soon'], /takes a duration/);
    fails(['bulk'], /needs --file/);
    fails(['bulk', '--file', 'r.csv', '--text', 'a', '--template', 'b'], /not both/);
    fails(['bulk', '--file', 'r.csv', '--param-column', 'a'], /go with --template/);
    fails(['bulk', '--resume', 'r.jsonl', '--text', 'x'], /leave out --text/);
    fails(['bulk', '--file', 'r.csv', '--concurrency', '0'], /at least 1/);
    fails(
      ['bulk', '--file', 'r.csv', '--template', 't', '--param-column', 'a', '--param', '1=x'],
      /given by --param-column a and by --param 1/,
    );
  });
});

describe('parseParams', () => {
  it('takes NUMBER=VALUE pairs, each number once', () => {
    expect(parseParams(['1=', '10=x'])).toEqual({ '1': '', '10': 'x' });
    expect(() => parseParams(['x=1'])).toThrow(/NUMBER=VALUE/);
    expect(() => parseParams(['0=1'])).toThrow(/NUMBER=VALUE/);
    expect(() => parseParams(['1=a', '1=b'])).toThrow(/given twice/);
  });
});
