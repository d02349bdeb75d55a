import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';

/** What a check says: nothing when the value fits, else the validator's errors. */
export type Check = (value: unknown) => readonly ErrorObject[] | null;

/** Checks values against the schemas an OpenAPI 3.1 document gives its requests, answers and webhooks. */
export interface DocumentValidator {
  /** The JSON request body of an operation (`path` as the document writes it, e.g. `/v1/message/{omniMessageId}`). */
  request(method: string, path: string): Check;
  /** The JSON body of an operation's answer with this status code. */
  response(method: string, path: string, status: number): Check;
  /** The JSON body of a webhook (a callback the API makes). */
  webhook(name: string, method?: string): Check;
  /** The media types an operation's answer with this status has (for bodies that are not JSON). */
  responseTypes(method: string, path: string, status: number): string[];
}

const pointer = (...parts: string[]) =>
  `#/${parts.map((p) => p.replaceAll('~', '~0').replaceAll('/', '~1')).join('/')}`;

/**
 * A validator for one document, with ajv's JSON Schema 2020-12 build (OpenAPI 3.1's dialect). Throws when the
 * document has no such operation, answer or JSON body: a check that cannot find its schema is a failed check.
 */
export function documentValidator(document: Record<string, unknown>): DocumentValidator {
  const id = 'https://clickwa.invalid/openapi.json';
  // `strict: false`: the document's own keywords (paths, examples...) are not JSON Schema's.
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
  ajv.addSchema({ ...document, $id: id });
  const compiled = new Map<string, ValidateFunction>();
  const at = (ref: string): Check => {
    let validate = compiled.get(ref);
    if (!validate) {
      validate = ajv.getSchema(`${id}${ref}`);
      if (!validate) throw new Error(`The document has no schema at ${ref}`);
      compiled.set(ref, validate);
    }
    const v = validate;
    return (value) => (v(value) ? null : (v.errors ?? []));
  };
  const resolve = (ref: string): unknown =>
    ref
      .slice(2)
      .split('/')
      .map((p) => p.replaceAll('~1', '/').replaceAll('~0', '~'))
      .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], document);
  const json = (...parts: string[]): Check => {
    const ref = pointer(...parts, 'content', 'application/json', 'schema');
    if (resolve(ref) === undefined) throw new Error(`The document has no JSON body at ${ref}`);
    return at(ref);
  };
  return {
    request: (method, path) => json('paths', path, method.toLowerCase(), 'requestBody'),
    response: (method, path, status) =>
      json('paths', path, method.toLowerCase(), 'responses', String(status)),
    webhook: (name, method = 'post') => json('webhooks', name, method, 'requestBody'),
    responseTypes: (method, path, status) => {
      const ref = pointer('paths', path, method.toLowerCase(), 'responses', String(status));
      const response = resolve(ref) as { content?: Record<string, unknown> } | undefined;
      if (!response) throw new Error(`The document has no answer at ${ref}`);
      return Object.keys(response.content ?? {});
    },
  };
}
