// The fenced code blocks of a markdown text, with their language and line, indentation (a block inside a
// list item) removed.

/**
 * @example codeBlocks('text\n```sh\npnpm test\n```\n') // [{ lang: 'sh', code: 'pnpm test', line: 2 }]
 */
export function codeBlocks(text) {
  const lines = text.split('\n');
  const blocks = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*([\w+-]*)/.exec(lines[i]);
    if (!open) continue;
    const [, indent, fence, lang] = open;
    const body = [];
    let j = i + 1;
    while (j < lines.length && !new RegExp(`^\\s*${fence[0]}{${fence.length},}\\s*$`).test(lines[j])) {
      body.push(lines[j].startsWith(indent) ? lines[j].slice(indent.length) : lines[j].trimStart());
      j++;
    }
    blocks.push({ lang: lang.toLowerCase(), code: body.join('\n'), line: i + 1 });
    i = j;
  }
  return blocks;
}
