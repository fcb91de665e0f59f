// Validates every line of a JSONL file with ajv against an exported draft-07 bundle, the way a team would
// with Node: readline + JSON.parse + a compiled validator. Prints lines, valid, invalid.
// Usage: NODE_PATH=<dir with ajv>/node_modules node ajv-validate.js bundle.schema.json events.jsonl
'use strict';
const fs = require('fs');
const readline = require('readline');
const Ajv = require('ajv');

const [schemaPath, dataPath] = process.argv.slice(2);
const ajv = new Ajv({ allErrors: false, strict: false });
const validate = ajv.compile(JSON.parse(fs.readFileSync(schemaPath, 'utf8')));
let lines = 0, valid = 0, invalid = 0;
const input = readline.createInterface({ input: fs.createReadStream(dataPath), crlfDelay: Infinity });
input.on('line', (line) => {
  if (!line.trim()) return;
  ++lines;
  if (validate(JSON.parse(line))) ++valid; else ++invalid;
});
input.on('close', () => console.log(`lines ${lines} valid ${valid} invalid ${invalid}`));
