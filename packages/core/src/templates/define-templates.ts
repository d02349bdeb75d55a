import { LIMITS } from '../limits.ts';
import { countTemplatePlaceholders, renderTemplate } from './render-template.ts';

/** One approved template: its name, body and how many parameters it takes. */
export interface TemplateDefinition {
  readonly name: string;
  readonly body: string;
  readonly parameterCount: number;
}

/** A registry of approved templates, as `validateSendRequest` and the emulator use it. */
export interface TemplateRegistry {
  readonly names: readonly string[];
  get(name: string): TemplateDefinition | undefined;
  /** The text the phone shows, or undefined for an unknown template. */
  render(name: string, parameters: Readonly<Record<string, string>>): string | undefined;
}

/** A template name as WhatsApp allows it: lowercase letters, digits and underscores. */
export const TEMPLATE_NAME = /^[a-z0-9_]+$/;

/**
 * Makes a registry of the business's approved templates (spec 4). Template names are lowercase with
 * underscores; bodies use `{{1}}`..`{{N}}` placeholders. This is configuration, written by the developer,
 * so a malformed entry throws here at start-up rather than surfacing as 106 at send time.
 *
 * @example
 * const templates = defineTemplates({
 *   payment_alert: 'Alert: Payment of {{1}} was posted to your account ending in: {{2}}',
 * });
 * templates.get('payment_alert')?.parameterCount // 2
 */
export function defineTemplates(bodies: Readonly<Record<string, string>>): TemplateRegistry {
  const map = new Map<string, TemplateDefinition>();
  for (const [name, body] of Object.entries(bodies)) {
    if (!TEMPLATE_NAME.test(name)) {
      throw new TypeError(`Template name "${name}" must be lowercase letters, digits and underscores`);
    }
    if (typeof body !== 'string' || body.length === 0 || body.length > LIMITS.maxTemplateBodyLength) {
      throw new TypeError(
        `Template "${name}" needs a body of 1 to ${LIMITS.maxTemplateBodyLength} characters`,
      );
    }
    map.set(name, { name, body, parameterCount: countTemplatePlaceholders(body) });
  }
  return {
    names: [...map.keys()],
    get: (name) => map.get(name),
    render: (name, parameters) => {
      const template = map.get(name);
      return template && renderTemplate(template.body, parameters);
    },
  };
}
