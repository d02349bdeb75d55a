import { describe, expect, it } from 'vitest';
import { CLI_HELP, parseCliArgs } from './parse-cli-args.ts';

describe('parseCliArgs', () => {
  it('maps every flag to the camelCase option', () => {
    const result = parseCliArgs(
      [
        '--port',
        '0',
        '--host',
        '127.0.0.1',
        '--api-key',
        'k',
        '--status-callback',
        'http://127.0.0.1:1/s',
        '--inbound-callback',
        'http://127.0.0.1:1/i',
        '--callback-username',
        'u',
        '--callback-password',
        'p',
        '--callback-basic-auth',
        '--seed',
        '42',
        '--chaos',
        '0.25',
        '--chaos-kinds',
        '901,reset-after',
        '--sandbox',
        '--test-phone',
        '27999000001',
        '--test-phone',
        '27999000002,27999000003',
        '--templates',
        't.json',
        '--integrations',
        'i.json',
        '--care-window',
        '--no-callbacks',
        '--step-ms',
        '10',
        '--jitter-ms',
        '20',
        '--first-status-ms',
        '1',
        '--inbound-delay-ms',
        '2',
        '--duplicate-rate',
        '0',
        '--retry-backoff-ms',
        '5,10',
        '--callback-timeout-ms',
        '100',
        '--callback-concurrency',
        '4',
        '--max-pending-callbacks',
        '9',
        '--history-limit',
        '7',
        '--fault-timeout-ms',
        '50',
        '--retry-after-seconds',
        '2',
      ],
      {},
    );
    expect(result).toEqual({
      config: {
        templatesFile: 't.json',
        integrationsFile: 'i.json',
        options: {
          port: 0,
          hostname: '127.0.0.1',
          apiKey: 'k',
          statusCallback: 'http://127.0.0.1:1/s',
          inboundCallback: 'http://127.0.0.1:1/i',
          callbackUsername: 'u',
          callbackPassword: 'p',
          callbackBasicAuth: true,
          seed: '42',
          chaos: { rate: 0.25, kinds: ['901', 'reset-after'] },
          sandbox: true,
          testPhones: ['27999000001', '27999000002', '27999000003'],
          careWindow: true,
          callbacks: false,
          stepMs: 10,
          jitterMs: 20,
          firstStatusMs: 1,
          inboundDelayMs: 2,
          duplicateRate: 0,
          retryBackoffMs: [5, 10],
          callbackTimeoutMs: 100,
          callbackConcurrency: 4,
          maxPendingCallbacks: 9,
          historyLimit: 7,
          faultTimeoutMs: 50,
          retryAfterSeconds: 2,
        },
      },
    });
  });

  it('reads CLICKWA_EMULATOR_* env equivalents; flags win', () => {
    const env = {
      CLICKWA_EMULATOR_PORT: '9000',
      CLICKWA_EMULATOR_API_KEY: 'from-env',
      CLICKWA_EMULATOR_TEST_PHONE: '27999000001,27999000002',
      CLICKWA_EMULATOR_SANDBOX: '1',
      CLICKWA_EMULATOR_NO_CALLBACKS: 'false',
      CLICKWA_EMULATOR_CHAOS: '0.1',
      CLICKWA_EMULATOR_SEED: '',
    };
    expect(parseCliArgs(['--port', '1'], env)).toEqual({
      config: {
        options: {
          port: 1,
          apiKey: 'from-env',
          testPhones: ['27999000001', '27999000002'],
          sandbox: true,
          callbacks: true,
          chaos: 0.1,
        },
      },
    });
  });

  it.each([
    [['--port', 'abc'], /--port must be an integer/],
    [['--chaos-kinds', 'boom'], /unknown boom/],
    [['--nope'], /Unknown option/],
  ])('%j is an error', (argv, message) => {
    const result = parseCliArgs(argv, {});
    expect('error' in result && result.error).toMatch(message);
  });

  it('a bad boolean in the env is an error naming the variable', () => {
    const result = parseCliArgs([], { CLICKWA_EMULATOR_SANDBOX: 'maybe' });
    expect('error' in result && result.error).toMatch(/CLICKWA_EMULATOR_SANDBOX/);
  });

  it('--help lists every flag', () => {
    expect(parseCliArgs(['--help'], {})).toEqual({ help: true });
    for (const flag of [
      '--status-callback',
      '--chaos-kinds',
      '--test-phone',
      '--no-callbacks',
      '--care-window',
    ]) {
      expect(CLI_HELP).toContain(flag);
    }
  });
});
