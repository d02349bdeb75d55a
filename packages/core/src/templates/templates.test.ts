import { describe, expect, it } from 'vitest';
import { checkTemplateParameters } from './check-template-parameters.ts';
import { defineTemplates } from './define-templates.ts';
import { countTemplatePlaceholders, renderTemplate } from './render-template.ts';

const PAYMENT_ALERT = 'Alert: Payment of {{1}} was posted to your account ending in: {{2}}';

describe('templates', () => {
  it('renders the spec example as the phone shows it', () => {
    expect(renderTemplate(PAYMENT_ALERT, { '1': '$150', '2': '1234' })).toBe(
      'Alert: Payment of $150 was posted to your account ending in: 1234',
    );
  });

  it('leaves a placeholder without a value visible', () => {
    expect(renderTemplate('Hi {{1}}, {{2}}', { '1': 'Ann' })).toBe('Hi Ann, {{2}}');
    expect(countTemplatePlaceholders('{{1}} {{3}} {{ 2 }}')).toBe(3);
  });

  it('makes a registry that knows names, parameter counts and renders', () => {
    const templates = defineTemplates({ payment_alert: PAYMENT_ALERT, hello: 'Hello!' });
    expect(templates.names).toEqual(['payment_alert', 'hello']);
    expect(templates.get('payment_alert')?.parameterCount).toBe(2);
    expect(templates.get('hello')?.parameterCount).toBe(0);
    expect(templates.get('nope')).toBeUndefined();
    expect(templates.render('payment_alert', { '1': 'a', '2': 'b' })).toContain('Payment of a');
    expect(templates.render('nope', {})).toBeUndefined();
  });

  it('refuses a malformed registry at start-up, saying which entry', () => {
    expect(() => defineTemplates({ 'Payment-Alert': 'x' })).toThrow(/Payment-Alert.*lowercase/);
    expect(() => defineTemplates({ empty: '' })).toThrow(/empty/);
  });

  describe('checkTemplateParameters', () => {
    it('accepts contiguous keys with clean values', () => {
      expect(checkTemplateParameters({ '1': '$150', '2': '1234' }, 2)).toEqual([]);
    });

    it('flags a gap, a count mismatch and a non-string value as 106 errors', () => {
      const issues = checkTemplateParameters({ '1': 'a', '3': 5 }, 3);
      expect(issues.map((i) => [i.code, i.severity])).toEqual([
        [106, 'error'],
        [106, 'error'],
        [106, 'error'],
      ]);
      expect(issues[0]?.message).toMatch(/got "1", "3", without "2"/);
      // What came is named: a record that starts at "2" lacks "1" for that reason.
      expect(checkTemplateParameters({ '2': 'a' })[0]?.message).toMatch(
        /"1".."1" without gaps; got "2", without "1"/,
      );
      expect(issues[1]?.message).toBe('Template expects 3 parameters, got 2');
      expect(checkTemplateParameters({}, 1)[0]?.message).toBe('Template expects 1 parameter, got 0');
      expect(issues.some((i) => i.rejectedAtDelivery)).toBe(false);
    });

    it('warns on newline, tab and more than four spaces', () => {
      for (const value of ['a\nb', 'a\tb', 'a     b']) {
        expect(checkTemplateParameters({ '1': value })).toMatchObject([
          { code: 106, severity: 'warning', rejectedAtDelivery: true },
        ]);
      }
      expect(checkTemplateParameters({ '1': 'a    b' })).toEqual([]);
    });

    it('refuses parameters that are not an object', () => {
      expect(checkTemplateParameters(['a'])).toMatchObject([{ code: 106, severity: 'error' }]);
    });
  });
});
