// Token lengths of every answer in battles.jsonl with o200k_base (the gpt-4o encoding arena-hard-auto's
// add_markdown_info.py counts with), by js-tiktoken: an implementation independent of the Java one under test.
// Run once from this folder: npm install js-tiktoken@1 && node count_tokens.js > tokens.json
const fs = require("fs");
const { getEncoding } = require("js-tiktoken");
const enc = getEncoding("o200k_base");
const out = {};
for (const line of fs.readFileSync("battles.jsonl", "utf8").split("\n")) {
  if (!line.trim()) continue;
  const row = JSON.parse(line);
  for (const side of ["conversation_a", "conversation_b"]) {
    const text = row[side][row[side].length - 1].content;
    out[text] = enc.encode(text).length;
  }
}
console.log(JSON.stringify(out));
