import { describe, expect, it } from 'vitest';
import { parseCommand, parseParams } from './args.ts';
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

  it('answers help and version', () => {
    expect(parseCommand([])).toEqual({ name: 'help' });
    expect(parseCommand(['help', 'bulk'])).toEqual({ name: 'help', topic: 'bulk' });
    expect(parseCommand(['bulk', '--help'])).toEqual({ name: 'help', topic: 'bulk' });
    expect(parseCommand(['--version'])).toEqual({ name: 'version' });
  });

  it('refuses what it cannot use, in one line', () => {
    fails(['frob'], /unknown command "frob"/);
    fails(['send'], /needs a kind/);
    fails(['send', 'text', '--text', 'x'], /needs --to/);
    fails(
      ['send', 'text', '--to', '1', '--text', 'x', '--caption', 'c'],
      /--caption is not an option of "send text"/,
    );
    fails(['send', 'text', '--to', '1', '--bogus'], /Unknown option '--bogus'/);
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
