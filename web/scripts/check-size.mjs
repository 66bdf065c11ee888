// Sums the gzip size of the JavaScript a first visit loads (entry + modulepreloads in index.html)
// and fails the build when it passes the budget.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 200;
const dist = new URL('../../web-dist/', import.meta.url);
const html = readFileSync(new URL('index.html', dist), 'utf8');
const files = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
let total = 0;
for (const file of files) total += gzipSync(readFileSync(new URL(file, dist))).length;
const kb = total / 1000;
console.log(`initial JS: ${files.length} files, ${kb.toFixed(1)} kB gzip (budget ${BUDGET_KB} kB)`);
if (kb > BUDGET_KB) {
  console.error('initial JS is over budget: split more screens with React.lazy');
  process.exit(1);
}
