import { describe, expect, it } from 'vitest';
import { bold, code, italic, strikethrough } from './format.ts';
import { textLength } from './text-length.ts';

describe('text formatting (spec 7.1.2)', () => {
  it('wraps text in WhatsApp markers', () => {
    expect(`This text is ${bold('bold')}`).toBe('This text is *bold*');
    expect(`My first ${italic('Italic')} message`).toBe('My first _Italic_ message');
    expect(`This is a ${strikethrough('Strikethrough')} message!`).toBe('This is a ~Strikethrough~ message!');
    expect(code("print 'Hello World';")).toBe("```print 'Hello World';```");
  });

  it('counts length in UTF-16 units, the stricter reading of the limit', () => {
    expect(textLength('hello')).toBe(5);
    expect(textLength('👋')).toBe(2);
    expect(textLength('é')).toBe(1);
  });
});
