/**
 * A build step for the script tag (`vite build --mode embed`): the functions that run as a page
 * loads are compiled by V8 with the script, off the page's main thread, instead of one at a time
 * on it at their first call (bench/README.md, page-load, has what it saved).
 *
 * V8 compiles a function when it is first called, on the main thread, unless the parser reads it
 * as one that will be called soon: a function or arrow function expression right after an
 * opening parenthesis, `(function () {…})` or `(() => …)`. Terser drops such parentheses as
 * useless, so this step puts them back into the minified script, for the functions of the
 * start-up modules (found through the build's source map) that the bundle puts directly in the
 * script's outer function, a module's own functions:
 *
 * - a function or arrow function expression is wrapped in parentheses;
 * - a function declaration becomes `var name = (function name() {…});` at the top of its scope,
 *   which is where a declaration's value is first there too, so hoisting keeps its meaning;
 * - methods (`{ m() {} }`, classes) and declarations inside blocks are left as they are.
 *
 * A function compiled this way sits on the heap as bytecode even if it never runs, which is why
 * the closures inside those functions (many of which run only on a click) are left to V8, and
 * the list is of modules whose own functions nearly all run at start.
 */
import { type EncodedSourceMap, TraceMap, originalPositionFor } from '@jridgewell/trace-mapping';
import { type Plugin, parseAst } from 'vite';

interface Node {
  type: string;
  start: number;
  end: number;
  [key: string]: unknown;
}

const isNode = (value: unknown): value is Node => typeof (value as Node | null)?.type === 'string';
const isFunction = (node: Node) => node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression';

/**
 * A node's child nodes, in source order. Where two share source text (a shorthand property's
 * key and value, `{ a }` or `{ a = 1 }`), only the one that holds the other.
 */
function children(node: Node): Node[] {
  const found: Node[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === 'type' || key === 'start' || key === 'end') continue;
    if (Array.isArray(value)) found.push(...value.filter(isNode));
    else if (isNode(value)) found.push(value);
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  return found.filter((child, index) => index === 0 || child.start >= found[index - 1]!.end);
}

/**
 * `code` with every function that `isStartup` picks marked for V8 to compile with the script.
 * `isStartup` is given the function's node (its `start`, `end` and `body` offsets) and how many
 * functions it is inside (0 at the top of `code`).
 */
export function markEager(code: string, isStartup: (fn: Node, depth: number) => boolean): string {
  const program = parseAst(code) as unknown as Node;
  const hoistedNames: string[] = [];

  /** The text of `node`, with the functions inside it marked; `depth` functions are around it. */
  function rewrite(node: Node, parent: Node | undefined, depth = 0): string {
    const isScopeBody = node.type === 'Program' || (node.type === 'BlockStatement' && parent !== undefined && isFunction(parent));
    const hoisted: string[] = [];
    let text = '';
    let at = node.start;
    const inside = isFunction(node) ? depth + 1 : depth;
    for (const child of children(node)) {
      text += code.slice(at, child.start);
      at = child.end;
      const picked = isFunction(child) && isStartup(child, inside);
      // A method's function is its parameters and body: parentheses there would not parse.
      const isMethod = (node.type === 'Property' && (node.method || node.kind !== 'init')) || node.type === 'MethodDefinition';
      if (picked && child.type === 'FunctionDeclaration') {
        if (isScopeBody && !child.async && !child.generator) {
          const name = (child.id as Node & { name: string }).name;
          hoisted.push(`var ${name}=(${rewrite(child, node, inside)});`);
          hoistedNames.push(name);
          continue;
        }
        text += rewrite(child, node, inside);
      } else if (picked && !isMethod) text += `(${rewrite(child, node, inside)})`;
      else text += rewrite(child, node, inside);
    }
    text += code.slice(at, node.end);
    if (hoisted.length === 0) return text;
    // At the top of the scope: after `{` (a program has none) and after any "use strict".
    const statements = node.body as Node[];
    const directives = statements.filter((statement, index) => statements.slice(0, index + 1).every((s) => typeof s.directive === 'string'));
    const top = directives.length > 0 ? directives.at(-1)!.end : node.type === 'Program' ? node.start : node.start + 1;
    const index = top - node.start;
    return text.slice(0, index) + hoisted.join('') + text.slice(index);
  }

  const marked = code.slice(0, program.start) + rewrite(program, undefined) + code.slice(program.end);
  checkSameCode(program, parseAst(marked) as unknown as Node, hoistedNames);
  return marked;
}

/** Every identifier and literal of `node`'s tree, in source order. */
function words(node: Node, into: string[] = []): string[] {
  if (node.type === 'Identifier') into.push(node.name as string);
  else if (node.type === 'Literal') into.push(String(node.raw));
  for (const child of children(node)) words(child, into);
  return into;
}

/**
 * Marking only adds parentheses and moves declarations: the marked code must hold the same
 * identifiers and literals as before, plus one name for each declaration moved (`var name=`).
 * Anything else is a bug in this step, and the build stops rather than ship it.
 */
export function checkSameCode(before: Node, after: Node, hoistedNames: string[]): void {
  const expected = [...words(before), ...hoistedNames].sort();
  const found = words(after).sort();
  if (expected.join('\n') !== found.join('\n')) throw new Error('eagerStartup: the marked script does not hold the same code as the script');
}

/** 0-based offset in `code` → 1-based line and 0-based column, as source maps count. */
function lineAndColumn(lineStarts: number[], offset: number): { line: number; column: number } {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (lineStarts[middle]! <= offset) low = middle;
    else high = middle - 1;
  }
  return { line: low + 1, column: offset - lineStarts[low]! };
}

/**
 * The vite plugin: marks, in the chunk named `fileName`, the functions whose source is one of
 * `modules` (paths from the project root). It needs the build's source map (`build.sourcemap:
 * 'hidden'`), and takes the map out of the bundle: it no longer matches the marked code.
 */
export function eagerStartup(fileName: string, modules: string[]): Plugin {
  return {
    name: 'earful-eager-startup',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunk = bundle[fileName];
      if (chunk?.type !== 'chunk' || !chunk.map) throw new Error(`eagerStartup: ${fileName} was not built with a source map (build.sourcemap: 'hidden')`);
      const map = new TraceMap(chunk.map as unknown as EncodedSourceMap);
      const code = chunk.code;
      const lineStarts = [0];
      for (let i = 0; i < code.length; i++) if (code[i] === '\n') lineStarts.push(i + 1);
      const isStartup = (fn: Node, depth: number) => {
        // Only a module's own functions, directly inside the script's outer function: the
        // closures they make are small, and many never run at start.
        if (depth !== 1) return false;
        // The body's first character: a function's own code, never its neighbour's.
        const body = fn.body as Node;
        const source = originalPositionFor(map, lineAndColumn(lineStarts, body.start)).source ?? '';
        return modules.some((module) => source.endsWith(module));
      };
      chunk.code = markEager(code, isStartup);
      delete bundle[`${fileName}.map`];
    },
  };
}
