import { open } from 'node:fs/promises';

/** One line of a text file: its 1-based number and its text without the line break. */
export interface Line {
  readonly number: number;
  readonly text: string;
}

/** Options of `readLines`. */
export interface ReadLinesOptions {
  /** Bytes read at a time. Default 64 KiB. */
  readonly chunkBytes?: number;
  /** A longer line is an error, so one broken file cannot exhaust memory. Default 32 MiB of text. */
  readonly maxLineLength?: number;
}

/** A line too long to read; the file is probably not what it claims to be. */
export class LineTooLongError extends Error {
  constructor(
    readonly lineNumber: number,
    readonly maxLength: number,
  ) {
    super(`line ${lineNumber} is longer than ${maxLength} characters`);
    this.name = 'LineTooLongError';
  }
}

/**
 * Reads a UTF-8 text file line by line in constant memory (one chunk and one line at a time), with
 * `FileHandle.read`, which Node, Bun and Deno all have. `\n` and `\r\n` end lines; a BOM is dropped; a last
 * line without a break is still a line. Line numbers count every line, blank ones too, as editors do.
 *
 * @example for await (const { number, text } of readLines('recipients.csv')) console.log(number, text);
 */
export async function* readLines(path: string, options: ReadLinesOptions = {}): AsyncGenerator<Line> {
  const maxLength = options.maxLineLength ?? 32 * 1024 * 1024;
  const file = await open(path, 'r');
  try {
    const buffer = new Uint8Array(options.chunkBytes ?? 64 * 1024);
    // `fatal: false`: a stray invalid byte becomes U+FFFD rather than failing the whole file.
    const decoder = new TextDecoder('utf-8');
    let rest = '';
    let number = 0;
    for (;;) {
      const { bytesRead } = await file.read(buffer, 0, buffer.length, null);
      const text =
        bytesRead === 0 ? decoder.decode() : decoder.decode(buffer.subarray(0, bytesRead), { stream: true });
      const chunk = rest === '' ? text : rest + text;
      let start = 0;
      for (let nl = chunk.indexOf('\n'); nl !== -1; nl = chunk.indexOf('\n', start)) {
        const end = nl > start && chunk.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
        yield { number: ++number, text: chunk.slice(start, end) };
        start = nl + 1;
      }
      rest = chunk.slice(start);
      if (rest.length > maxLength) throw new LineTooLongError(number + 1, maxLength);
      if (bytesRead === 0) break;
    }
    if (rest !== '') yield { number: ++number, text: rest.endsWith('\r') ? rest.slice(0, -1) : rest };
  } finally {
    await file.close();
  }
}
