// A shell block as the commands it runs: continuation lines joined, comments dropped, quotes removed, split
// at `&&`, `||`, `;` and `|`, redirections left out. Enough for the command lines a README shows; not a shell.

/**
 * @example shellCommands('cd apps/worker && pnpm test # here') // [['cd', 'apps/worker'], ['pnpm', 'test']]
 */
export function shellCommands(code) {
  const commands = [];
  for (const rawLine of code.replace(/\\\n/g, ' ').split('\n')) {
    const line = rawLine.replace(/^\s*\$ /, '');
    let tokens = [];
    let current = null;
    let quote = null;
    const endToken = () => {
      if (current !== null) tokens.push(current);
      current = null;
    };
    const endCommand = () => {
      endToken();
      if (tokens.length > 0) commands.push(withoutRedirections(tokens));
      tokens = [];
    };
    for (let i = 0; i < line.length; i++) {
      const ch = line[i];
      if (quote) {
        if (ch === quote) quote = null;
        else current += ch;
      } else if (ch === "'" || ch === '"') {
        quote = ch;
        current ??= '';
      } else if (ch === '#' && current === null) {
        break;
      } else if (/\s/.test(ch)) {
        endToken();
      } else if (ch === '&' && current?.endsWith('>')) {
        current += ch; // 1>&2
      } else if (ch === '&' || ch === '|' || ch === ';') {
        if (line[i + 1] === ch) i++;
        endCommand();
      } else {
        current = (current ?? '') + ch;
      }
    }
    endCommand();
  }
  return commands.filter((tokens) => tokens.length > 0);
}

function withoutRedirections(tokens) {
  const out = [];
  for (let i = 0; i < tokens.length; i++) {
    if (/^\d*[<>]/.test(tokens[i])) {
      // `> file` names its target in the next token; `1>&2` and `>file` do not.
      if (/^\d*[<>]+$/.test(tokens[i])) i++;
      continue;
    }
    out.push(tokens[i]);
  }
  return out;
}
