/**
 * The core speaks of its library options (`pass { contentType }`); the CLI's user knows flags. One table,
 * applied to every core message the CLI prints, so no message names an option the user cannot pass.
 */
const OPTION_TO_FLAG: readonly (readonly [RegExp, string])[] = [
  [/pass \{ contentType: "([^"]+)" \}/g, 'pass --content-type $1'],
  [/pass \{ contentType \}/g, 'pass --content-type TYPE'],
  [/\{ contentType: '([^']+)' \}/g, '--content-type $1'],
  [/\bpreviewFirstUrl is set\b/g, '--preview-url is set'],
];

/** A core message in the CLI's words: library options become the flags that set them. */
export function inCliWords(text: string): string {
  let out = text;
  for (const [pattern, replacement] of OPTION_TO_FLAG) out = out.replace(pattern, replacement);
  return out;
}
