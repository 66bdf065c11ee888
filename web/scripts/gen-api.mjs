// Generates src/api/schema.d.ts from the server's OpenAPI document (../docs/openapi.json).
// The document is read with JSON.parse first: poem-openapi writes one response object per
// content type under the same status key (e.g. the avatar image's "200"), which a strict
// YAML/JSON parser rejects as duplicate keys; the web client never reads those responses.
import { readFileSync, writeFileSync } from 'node:fs';
import openapiTS, { astToString } from 'openapi-typescript';

const source = new URL('../../docs/openapi.json', import.meta.url);
const target = new URL('../src/api/schema.d.ts', import.meta.url);

const doc = JSON.parse(readFileSync(source, 'utf8'));
const ast = await openapiTS(doc, { alphabetize: false });
const banner = '/**\n * Generated from docs/openapi.json by scripts/gen-api.mjs (`npm run gen`). Do not edit.\n */\n\n';
writeFileSync(target, banner + astToString(ast));
console.log(`wrote ${target.pathname.split('/web/')[1]} (${Object.keys(doc.paths).length} paths)`);
