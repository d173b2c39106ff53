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
 * - a function declaration becomes `var name = (function () {…});` at the top of its scope,
 *   which is where a declaration's value is first there too, so hoisting keeps its meaning;
 * - methods (`{ m() {} }`, classes), declarations inside blocks, and async or generator
 *   declarations are left as they are.
 *
 * It checks what it wrote (`checkSameCode`) and fails the build if the result is not made of
 * the same code, or if a listed module has nothing marked (a module renamed or gone).
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
  const kept: Node[] = [];
  for (const child of found) if (kept.length === 0 || child.start >= kept.at(-1)!.end) kept.push(child);
  return kept;
}

/**
 * `code` with every function that `isStartup` picks marked for V8 to compile with the script.
 * `isStartup` is given the function's node (its `start`, `end` and `body` offsets) and how many
 * functions it is inside (0 at the top of `code`).
 */
export function markEager(code: string, isStartup: (fn: Node, depth: number) => boolean): string {
  const program = parseAst(code) as unknown as Node;
  let moved = 0;

  /** The text of `node`, with the functions inside it marked; `depth` functions are around it. */
  function rewrite(node: Node, parent: Node | undefined, depth = 0): string {
    const isScopeBody = node.type === 'Program' || (node.type === 'BlockStatement' && parent !== undefined && isFunction(parent));
    // A method's function is its parameters and body: parentheses there would not parse.
    const holdsMethod = (node.type === 'Property' && (node.method || node.kind !== 'init')) || node.type === 'MethodDefinition';
    const inside = isFunction(node) ? depth + 1 : depth;
    const hoisted: string[] = [];
    let text = '';
    let at = node.start;
    for (const child of children(node)) {
      text += code.slice(at, child.start);
      at = child.end;
      const picked = isFunction(child) && isStartup(child, inside);
      if (picked && child.type === 'FunctionDeclaration' && isScopeBody && !child.async && !child.generator) {
        hoisted.push(declarationAsAssignment(child, rewrite(child, node, inside)));
        moved += 1;
      } else if (picked && child.type !== 'FunctionDeclaration' && !holdsMethod) text += `(${rewrite(child, node, inside)})`;
      else text += rewrite(child, node, inside);
    }
    text += code.slice(at, node.end);
    if (hoisted.length === 0) return text;
    // At the top of the scope: after `{` (a program has none) and after any "use strict".
    const statements = node.body as Node[];
    let directives = 0;
    while (directives < statements.length && typeof statements[directives]!.directive === 'string') directives += 1;
    const top = directives > 0 ? statements[directives - 1]!.end : node.type === 'Program' ? node.start : node.start + 1;
    const index = top - node.start;
    return text.slice(0, index) + hoisted.join('') + text.slice(index);
  }

  const marked = code.slice(0, program.start) + rewrite(program, undefined) + code.slice(program.end);
  checkSameCode(program, parseAst(marked) as unknown as Node, moved);
  return marked;
}

/**
 * `function f(…){…}` (its text, already marked inside) as `var f=(function(…){…});`. The
 * expression has no name of its own: inside it, `f` is the scope's binding, as it is for a
 * declaration (a named expression's own name would be read-only and never see a reassignment).
 */
function declarationAsAssignment(declaration: Node, text: string): string {
  const id = declaration.id as Node & { name: string };
  const keyword = text.slice(0, id.start - declaration.start).trimEnd();
  return `var ${id.name}=(${keyword}${text.slice(id.end - declaration.start)});`;
}

/** `node`'s tree as a list of what each node is (its type, and its name, value or operator). */
function shape(node: Node, into: string[] = []): string[] {
  // Parentheses are what this step adds; the parser may keep them as nodes.
  if (node.type !== 'ParenthesizedExpression') {
    const detail = node.name ?? node.raw ?? node.operator ?? node.kind ?? (node.value as { raw?: string } | undefined)?.raw ?? '';
    into.push(`${node.type} ${String(detail)}`);
  }
  for (const child of children(node)) shape(child, into);
  return into;
}

/**
 * Marking only adds parentheses and moves declarations: the marked code must be made of the
 * same nodes as before (types, names, values and operators), but that each moved declaration
 * `function f(){}` is now `var f=(function(){})`. A change to how the code parses (a statement
 * that now calls the one before it, say) or a word lost or doubled shows here, and the build
 * stops rather than ship it.
 */
export function checkSameCode(before: Node, after: Node, moved: number): void {
  const count = (list: string[]) => list.reduce((counts, item) => counts.set(item, (counts.get(item) ?? 0) + 1), new Map<string, number>());
  const expected = count(shape(before));
  const found = count(shape(after));
  // Each moved declaration: one FunctionDeclaration became a VariableDeclaration, its
  // declarator, and a FunctionExpression.
  const change = (key: string, by: number) => found.set(key, (found.get(key) ?? 0) + by);
  change('FunctionDeclaration ', moved);
  change('VariableDeclaration var', -moved);
  change('VariableDeclarator ', -moved);
  change('FunctionExpression ', -moved);
  const keys = new Set([...expected.keys(), ...found.keys()]);
  const differ = [...keys].filter((key) => (expected.get(key) ?? 0) !== (found.get(key) ?? 0));
  if (differ.length > 0) throw new Error(`eagerStartup: the marked script is not made of the same code as the script (${differ.slice(0, 3).join('; ')})`);
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
      /** How many functions of each listed module were picked. */
      const picked = new Map<string, number>(modules.map((module) => [module, 0]));
      const isStartup = (fn: Node, depth: number) => {
        // Only a module's own functions, directly inside the script's outer function: the
        // closures they make are small, and many never run at start.
        if (depth !== 1) return false;
        // The body's first character: a function's own code, never its neighbour's.
        const body = fn.body as Node;
        const source = originalPositionFor(map, lineAndColumn(lineStarts, body.start)).source ?? '';
        const module = modules.find((listed) => source.endsWith(listed));
        if (module) picked.set(module, picked.get(module)! + 1);
        return module !== undefined;
      };
      chunk.code = markEager(code, isStartup);
      const unmarked = modules.filter((module) => picked.get(module) === 0);
      if (unmarked.length > 0) throw new Error(`eagerStartup: nothing of ${unmarked.join(', ')} is in ${fileName} to mark: update the list of start-up modules (vite.config.ts)`);
      delete bundle[`${fileName}.map`];
    },
  };
}
