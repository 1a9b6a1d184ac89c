// Parses PowerShell scripts with the tree-sitter PowerShell grammar and reports every syntax
// error as FILE:LINE:COLUMN. Arguments: files or folders (searched for *.ps1). Exits 1 on an
// error, 2 when it was given nothing to parse.
import { Language, Parser } from 'web-tree-sitter';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

function scripts(path) {
  if (!statSync(path).isDirectory()) {
    return [path];
  }
  return readdirSync(path).sort().flatMap((entry) => {
    const child = join(path, entry);
    return statSync(child).isDirectory() || entry.endsWith('.ps1') ? scripts(child) : [];
  });
}

function problems(node, file, out) {
  if (node.type === 'ERROR' || node.isMissing) {
    const what = node.isMissing ? `missing ${node.type}` : 'syntax error';
    const text = node.text.split('\n')[0].slice(0, 70);
    out.push(`${file}:${node.startPosition.row + 1}:${node.startPosition.column + 1}: ${what}: ${text}`);
    return;
  }
  for (const child of node.children) {
    problems(child, file, out);
  }
}

await Parser.init();
const grammar = join(here, 'node_modules', 'tree-sitter-powershell', 'tree-sitter-powershell.wasm');
const parser = new Parser();
parser.setLanguage(await Language.load(grammar));

const files = process.argv.slice(2).flatMap(scripts);
if (files.length === 0) {
  console.error('check.mjs: no PowerShell scripts to parse');
  process.exit(2);
}
const found = [];
for (const file of files) {
  problems(parser.parse(readFileSync(file, 'utf8')).rootNode, file, found);
}
for (const line of found) {
  console.log(line);
}
console.log(`check.mjs: ${files.length} script(s), ${found.length} syntax error(s)`);
process.exit(found.length > 0 ? 1 : 0);
