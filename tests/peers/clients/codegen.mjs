// node clients/codegen.mjs <schema.graphql> <out dir>
// Writes one operation per root field of the schema (every query, mutation and subscription), generates TypeScript
// types with @graphql-codegen (typescript for the schema, typescript-operations for the operations, custom scalars mapped, strictScalars so an
// unmapped scalar fails), compiles the result with tsc --strict, and prints a JSON summary.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { buildSchema, getNamedType, isLeafType, isNonNullType, isObjectType, isInterfaceType } from 'graphql';
import { generate } from '@graphql-codegen/cli';

const [schemaPath, outDir] = process.argv.slice(2);
mkdirSync(outDir, { recursive: true });
const schema = buildSchema(readFileSync(schemaPath, 'utf8'));

function selection(type, depth) {
  const named = getNamedType(type);
  if (isLeafType(named)) return '';
  const fields = Object.values(named.getFields())
    .filter((f) => f.args.every((a) => !isNonNullType(a.type)))
    .filter((f) => isLeafType(getNamedType(f.type)) || (depth < 1 && isObjectType(getNamedType(f.type))));
  const parts = ['__typename', ...fields.map((f) => f.name + selection(f.type, depth + 1))];
  if (isInterfaceType(named)) parts.push('id');
  return ` { ${[...new Set(parts)].join(' ')} }`;
}

const operations = [];
for (const [kind, root] of [['query', schema.getQueryType()], ['mutation', schema.getMutationType()], ['subscription', schema.getSubscriptionType()]]) {
  for (const field of Object.values(root.getFields())) {
    const required = field.args.filter((a) => isNonNullType(a.type) && a.defaultValue === undefined);
    const variables = required.map((a) => `$${a.name}: ${a.type}`).join(', ');
    const args = required.map((a) => `${a.name}: $${a.name}`).join(', ');
    const name = field.name[0].toUpperCase() + field.name.slice(1);
    operations.push(`${kind} ${name}${variables ? `(${variables})` : ''} { ${field.name}${args ? `(${args})` : ''}${selection(field.type, 0)} }`);
  }
}
const documents = join(outDir, 'operations.graphql');
writeFileSync(documents, operations.join('\n\n') + '\n');

// Codegen 7's typescript-operations emits the input and enum types its operations use, so the schema's own types
// (the typescript plugin) go to a file of their own; both are generated, checked for `any` and compiled.
const output = join(outDir, 'types.ts');
const schemaTypes = join(outDir, 'schema.ts');
const config = { strictScalars: true, enumType: 'native', scalars: { DateTime: 'string', URL: 'string', Long: 'number' } };
await generate({
  schema: schemaPath,
  documents,
  silent: true,
  generates: {
    [output]: { plugins: ['typescript-operations'], config },
    [schemaTypes]: { plugins: ['typescript'], config: { ...config, enumsAsTypes: false } },
  },
}, true);

const types = readFileSync(output, 'utf8') + readFileSync(schemaTypes, 'utf8');
// `any` as a type, in the code (descriptions become comments and may say "any").
const code = types.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
const anyCount = (code.match(/\bany\b/g) || []).length;
const enums = [...new Set([...types.matchAll(/export enum (\w+)/g)].map((m) => m[1]))];
const unions = [...types.matchAll(/export type (\w+) =\n\s+\| '/g)].map((m) => m[1]);
for (const file of [output, schemaTypes]) {
  execFileSync(join(process.cwd(), 'node_modules/.bin/tsc'), ['--noEmit', '--strict', '--skipLibCheck', '--target', 'es2022', file], { stdio: 'inherit' });
}
console.log(JSON.stringify({ operations: operations.length, anyCount, enums, unions, bytes: types.length }));
