// @vitest-environment node
// The script tag's build step that has V8 compile the start-up code with the script
// (scripts/eager-startup.ts): what it marks, that the marked code means what it meant, and that
// the built earful.js carries the marks.
import { existsSync, readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { parseAst } from 'vite';
import { checkSameCode, markEager } from '../../scripts/eager-startup.js';

/** Marks the functions whose text contains "pick" (a stand-in for "its source is a start-up module"). */
const markPicked = (code: string) => markEager(code, (fn) => code.slice(fn.start, fn.end).includes('pick'));

/** Runs `code` and answers what it put in `out`. */
const run = (code: string) => {
  const sandbox = { out: [] as unknown[] };
  runInNewContext(code, sandbox);
  return sandbox.out;
};

/** `code` marked reads `marked`, and the code answers `answers` before marking and after. */
function expectMarked(code: string, marked: string, answers: unknown[]) {
  const result = markPicked(code);
  expect(result).toBe(marked);
  expect(run(code)).toEqual(answers);
  expect(run(result)).toEqual(answers);
}

describe('markEager', () => {
  it('wraps picked function and arrow expressions in parentheses, and leaves the others', () => {
    expectMarked(
      'var a=function(){return"pick"},b=()=>"pick",c=x=>x,d=function(){return 1};out.push(a(),b(),c(2),d());',
      'var a=(function(){return"pick"}),b=(()=>"pick"),c=x=>x,d=function(){return 1};out.push(a(),b(),c(2),d());',
      ['pick', 'pick', 2, 1],
    );
  });

  it('turns a picked declaration into an assignment at the top of its scope, so calls before it still work', () => {
    expectMarked(
      'out.push(early());function early(){return"pick"}function other(){return 2}out.push(other());',
      'var early=(function(){return"pick"});out.push(early());function other(){return 2}out.push(other());',
      ['pick', 2],
    );
  });

  it('hoists inside a function body after "use strict", and marks what is nested in a marked function', () => {
    expectMarked(
      '!function(){"use strict";out.push(f()(1));function f(){return y=>y+"pick"}}();',
      '!(function(){"use strict";var f=(function(){return (y=>y+"pick")});out.push(f()(1));})();',
      ['1pick'],
    );
  });

  it('leaves methods, getters and declarations inside blocks as they are: parentheses there would not parse or would change scope', () => {
    const code = 'var o={m(){return"pick"},get g(){return"pick"}};class K{n(){return"pick"}}if(true){function inBlock(){return"pick"}}out.push(o.m(),o.g,new K().n(),inBlock());';
    expectMarked(code, code, ['pick', 'pick', 'pick', 'pick']);
  });

  it('keeps shorthand properties and defaults whole, in objects and in patterns', () => {
    expectMarked(
      'var a=1;function f({b,c=2}){var d={a,b};return"pick"+d.a+d.b+c}out.push(f({b:3}));',
      'var f=(function({b,c=2}){var d={a,b};return"pick"+d.a+d.b+c});var a=1;out.push(f({b:3}));',
      ['pick132'],
    );
  });

  it('checks what it wrote: the same nodes, but each moved declaration now an assignment', () => {
    const parse = (code: string) => parseAst(code) as unknown as Parameters<typeof checkSameCode>[0];
    const same = /not made of the same code/;
    expect(() => checkSameCode(parse('var a=1;function f(){return{a}}'), parse('var f=(function(){return{a}});var a=1;'), 1)).not.toThrow();
    // What the first version of this step wrote for a shorthand property: `{ aa }`.
    expect(() => checkSameCode(parse('function f(){return{a}}'), parse('var f=(function(){return{aa}});'), 1)).toThrow(same);
    expect(() => checkSameCode(parse('f(1)'), parse('f(2)'), 0)).toThrow(same);
    expect(() => checkSameCode(parse('a+b'), parse('a-b'), 0)).toThrow(same);
    // Parentheses after a statement with no semicolon call what it ends with.
    expect(() => checkSameCode(parse('var a=1\nx=>"pick"'), parse('var a=1\n(x=>"pick")'), 0)).toThrow(same);
  });

  it('moves a declaration as an unnamed expression, so that reassigning its name works as before', () => {
    expectMarked(
      'function f(){f=function(){return 2};return"pick"}var g=f;out.push(f(),f(),g());',
      'var f=(function(){f=function(){return 2};return"pick"});var g=f;out.push(f(),f(),g());',
      ['pick', 2, 'pick'],
    );
  });

  it('tells the picker how many functions surround each function', () => {
    const code = 'function outer(){var inner=()=>function innermost(){};return inner}var top=()=>1;';
    const depths: Record<string, number> = {};
    markEager(code, (fn, depth) => {
      depths[code.slice(fn.start, fn.start + 14)] = depth;
      return false;
    });
    expect(depths).toEqual({ 'function outer': 0, '()=>function i': 1, 'function inner': 2, '()=>1;': 0 });
  });

  it('wraps a picked function that is an object property value (not a method)', () => {
    expectMarked(
      'var o={f:function(){return"pick"},g:()=>"pick"};out.push(o.f(),o.g());',
      'var o={f:(function(){return"pick"}),g:(()=>"pick")};out.push(o.f(),o.g());',
      ['pick', 'pick'],
    );
  });
});

describe('the built earful.js', () => {
  it("has its start-up functions marked for V8 (installEarful, which warns of a missing endpoint, among them) and no source map", () => {
    const script = readFileSync('dist/earful.js', 'utf8');
    expect(existsSync('dist/earful.js.map')).toBe(false);
    expect(script).not.toContain('sourceMappingURL');
    // The innermost function around the warning's text is installEarful (src/embed/commands.ts).
    const warning = script.indexOf('has no endpoint');
    let innermost: { start: number; end: number } | undefined;
    markEager(script, (fn) => {
      if (fn.start < warning && warning < fn.end && (!innermost || fn.start > innermost.start)) innermost = fn;
      return false;
    });
    expect(innermost).toBeDefined();
    expect(script.slice(innermost!.start - 1, innermost!.start)).toBe('(');
    expect(script.slice(innermost!.end, innermost!.end + 1)).toBe(')');
  });
});
