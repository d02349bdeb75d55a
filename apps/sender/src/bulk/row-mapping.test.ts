import { describe, expect, it } from 'vitest';
import { compileMapping } from './row-mapping.ts';

describe('compileMapping', () => {
  it('fills {{column}} placeholders of --text from the row', () => {
    const m = compileMapping(
      { kind: 'text', toColumn: 'to', text: 'Hi {{ name }}, {{n}} left', previewFirstUrl: true },
      'csv',
    );
    expect(m.columns).toEqual(['to', 'name', 'n']);
    expect(m.map({ to: '+27821234567', name: 'Ann', n: '3' })).toEqual({
      message: { to: '+27821234567', content: 'Hi Ann, 3 left', previewFirstUrl: true },
    });
    expect(m.map({ to: '+27821234567', name: 'Ann' })).toEqual({ problem: 'no value for column "n"' });
    expect(m.map({ to: '', name: 'Ann', n: '1' })).toEqual({ problem: 'no value for column "to"' });
  });

  it('numbers template parameters from --param-column in order, beside fixed --param values', () => {
    const m = compileMapping(
      {
        kind: 'template',
        toColumn: 'phone',
        template: 'payment_alert',
        paramColumns: ['amount'],
        params: { '2': '1234' },
      },
      'jsonl',
    );
    expect(m.map({ phone: '+27821234567', amount: 150 })).toEqual({
      message: {
        to: '+27821234567',
        hsm: { template: 'payment_alert', parameters: { '1': '150', '2': '1234' } },
      },
    });
    expect(m.map({ phone: '+27821234567', amount: { x: 1 } })).toEqual({
      problem: 'column "amount" holds an object, not text',
    });
  });

  it('takes the row as the message: a CSV content column, or a JSONL message object', () => {
    const csv = compileMapping({ kind: 'row', toColumn: 'to' }, 'csv');
    expect(csv.columns).toEqual(['to', 'content']);
    expect(csv.map({ to: '+27821234567', content: 'Hello' })).toEqual({
      message: { to: '+27821234567', content: 'Hello' },
    });
    const jsonl = compileMapping({ kind: 'row', toColumn: 'msisdn' }, 'jsonl');
    // The row's own clientMessageId gives way to the run's; a JSON number stays a number (the core refuses it).
    expect(jsonl.map({ msisdn: 27821234567, content: 'Hi', clientMessageId: 'mine' })).toEqual({
      message: { to: 27821234567, content: 'Hi' },
    });
  });
});
