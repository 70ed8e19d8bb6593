// The editor's real data for the demo content (editor.json's "format"), made by the project's
// Python (tools/editor_data.py), so that the tests use the rules and messages the page gets.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { resolve } from "node:path";

export const PROJECT = resolve(import.meta.dirname, "..", "..");
export const NOW = "2026-11-29T10:00"; // the demo's now: the working days of 2025-2028

function python() {
  const venv = resolve(PROJECT, ".venv", "bin", "python");
  return existsSync(venv) ? venv : "python3";
}

export const D = JSON.parse(
  execFileSync(python(), ["-m", "tools.editor_data", "--now", NOW], { cwd: PROJECT, encoding: "utf8" }),
);
