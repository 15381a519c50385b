// Lints every .cypher file under the folder given (default: the parent cypher/ folder) with
// @neo4j-cypher/language-support: Neo4j's Cypher 5 grammar plus its semantic analysis (undefined
// variables, wrong clause order, deprecated syntax). Parameters are taken from the files'
// `// @param name: type` headers, so an undeclared $parameter is reported too.
//   cd cypher/tools && npm ci && node lint-cypher.mjs
// Prints one line per file and exits 1 when any file has an error or a warning.
import { lintCypherQuery, parseStatementsStrs } from '@neo4j-cypher/language-support';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..'));
const files = [];
(function walk(dir) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (path.endsWith('.cypher')) files.push(path);
  }
})(root);

const sample = (type) => {
  const t = type.replace('?', '');
  if (t === 'integer') return 1;
  if (t === 'float') return 1.5;
  if (t === 'boolean') return true;
  if (t === 'map') return {};
  if (t.startsWith('list<map')) return [{}];
  if (t.startsWith('list<')) return ['x'];
  return 'x';
};

let failed = 0;
for (const file of files.sort()) {
  const text = readFileSync(file, 'utf8');
  const parameters = {};
  for (const m of text.matchAll(/^\/\/\s*@param\s+(\w+)\s*:\s*(\S+)/gm)) parameters[m[1]] = sample(m[2]);
  const { diagnostics } = lintCypherQuery(text, { parameters });
  const statements = parseStatementsStrs(text).length;
  const problems = diagnostics.map((d) => `${d.severity === 1 ? 'error' : 'warning'}: ${d.message.split('\n')[0]} at ${JSON.stringify(text.slice(d.offsets.start, d.offsets.end).slice(0, 60))}`);
  if (statements !== 1) problems.push(`error: ${statements} statements (one per file)`);
  if (problems.length > 0) failed++;
  console.log(`${problems.length ? 'FAIL' : 'ok  '} ${relative(root, file)}`);
  for (const p of problems) console.log(`     ${p}`);
}
console.log(`${files.length - failed} passed, ${failed} failed`);
process.exit(failed > 0 || files.length === 0 ? 1 : 0);
