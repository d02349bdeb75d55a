const PLACEHOLDER = /\{\{\s*(\d+)\s*\}\}/g;

/**
 * The text a phone shows for a template body and its parameters (spec 7.1.4). A placeholder without a value
 * is left as written, so a missing parameter stays visible instead of vanishing.
 *
 * @example renderTemplate('Payment of {{1}} to {{2}}', { '1': '$150', '2': '1234' }) // 'Payment of $150 to 1234'
 */
export function renderTemplate(body: string, parameters: Readonly<Record<string, string>>): string {
  return body.replace(PLACEHOLDER, (match, n: string) =>
    Object.hasOwn(parameters, n) ? parameters[n]! : match,
  );
}

/** The number of parameters a template body takes: its highest placeholder number. */
export function countTemplatePlaceholders(body: string): number {
  let max = 0;
  for (const m of body.matchAll(PLACEHOLDER)) max = Math.max(max, Number(m[1]));
  return max;
}
