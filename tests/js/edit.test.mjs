// Saving an opened file (outage-edit.js): whatever the operator types into a text, in whatever
// YAML style the file holds it, the saved file reads back as exactly that text and only that
// field's lines change. Random texts and random edits (fast-check), and the cases found so far.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import * as YAML from "yaml";
import { edit } from "../../theme/admin/outage-edit.js";
import { fromFile } from "../../theme/admin/outage-file.js";
import { D } from "./editor-data.mjs";

const RUNS = Number(process.env.PROPERTY_RUNS || 400);
const T = YAML.Scalar;
const STYLES = [T.PLAIN, T.QUOTE_SINGLE, T.QUOTE_DOUBLE, T.BLOCK_LITERAL, T.BLOCK_FOLDED];
const CHOMPING = ["", "-", "+"]; // clip, strip, keep (| > |- >- |+ >+)

// Words an operator types or pastes: plain, YAML's own signs, non-ASCII, long and short.
const word = fc.oneof(
  fc.constantFrom(
    "NCTS", "is", "verstoord", "gestoord", "de", "noodprocedure", "beëindigd", "Zoë", "€ 12,50",
    "日本", "🙂", "#", "- ", "a:", ": b", "'quoted'", '"dubbel"', "{x}", "[y]", "*ster*", "&", "!",
    "%", "@", "`", "|", ">", "null", "~", "yes", "no", "12", "0x1F", "2026-11-29 10:00", "\\n",
    "a\\", "---", "...", "<b>", "x  y", "\t",
  ),
  fc.string({ minLength: 1, maxLength: 12 }).filter((s) => !/\s/.test(s)),
  fc.string({ minLength: 81, maxLength: 140, unit: fc.constantFrom("a", "b", "ö", "-") }),
);
const separator = fc.constantFrom(" ", " ", " ", " ", "  ", "\n", "\n\n", " \n", "\n  ");
const text = fc
  .array(fc.tuple(word, separator), { minLength: 1, maxLength: 40 })
  .map((parts) => parts.map(([w, s]) => w + s).join("").trim())
  .filter((t) => t.length > 0);

/* A new text from an old one, as an operator edits: a word replaced, added or removed, or all. */
const edited = (old) =>
  fc.oneof(
    fc.tuple(fc.nat(), word).map(([i, w]) => replaceWord(old, i, w)),
    fc.tuple(fc.nat(), word).map(([i, w]) => insertWord(old, i, w)),
    fc.nat().map((i) => removeWord(old, i)),
    text,
  ).filter((t) => t.trim().length > 0 && t.trim() !== old.trim());

function words(t) { return t.split(" "); }
function replaceWord(t, i, w) { const ws = words(t); ws[i % ws.length] = w; return ws.join(" "); }
function insertWord(t, i, w) { const ws = words(t); ws.splice(i % (ws.length + 1), 0, w); return ws.join(" "); }
function removeWord(t, i) { const ws = words(t); ws.splice(i % ws.length, 1); return ws.join(" "); }

/* An outage file whose field at `path` holds `value` in `style`; the other texts are folded. */
function outageFile(path, value, style, chomp) {
  const front = {
    type: "disruption",
    title: { nl: "NCTS: verstoord", en: "NCTS: disrupted" },
    systems: ["ncts"],
    start: "2026-11-29 08:40",
    updates: [1, 2, 3].map((n) => ({
      at: `2026-11-29 0${n}:10`,
      status: "disruption",
      nl: `Bericht ${n}: NCTS is verstoord en verwerkt geen aangiften. U mag de noodprocedure voor douanevervoer gebruiken, zolang dit bericht geldt.`,
      en: `Update ${n}: NCTS is disrupted.`,
    })),
  };
  const doc = new YAML.Document(front);
  doc.getIn(["systems"], true).flow = true;
  for (const n of [0, 1, 2]) doc.getIn(["updates", n, "nl"], true).type = T.BLOCK_FOLDED;
  doc.setIn(path, value);
  const node = doc.getIn(path, true);
  node.type = style;
  let yaml = doc.toString({ lineWidth: 70 });
  if (chomp !== "-" && /^[|>]/.test(style === T.BLOCK_LITERAL ? "|" : style === T.BLOCK_FOLDED ? ">" : "")) {
    yaml = yaml.replace(new RegExp(`^(\\s*${path[path.length - 1]}: [|>])[-+]?`, "m"), `$1${chomp}`);
  }
  return `---\n${yaml}---\n::: nl\nTekst.\n:::\n\n::: en\nText.\n:::\n`;
}

function front(file) {
  return YAML.parseDocument(file.split("\n---\n")[0].slice(4), { uniqueKeys: true });
}

/* The lines of `file` that hold the value at `path` (0-based, end exclusive). */
function linesOf(file, path) {
  const doc = front(file);
  const pair = path.slice(0, -1).reduce((node, key) => node.get(key, true), doc.contents)
    .items.find((p) => p.key.value === path[path.length - 1]);
  const counter = (offset) => file.slice(0, offset + 4).split("\n").length - 1;
  return [counter(pair.key.range[0]), counter(pair.value.range[1] - 1) + 1];
}

/* Save `file` with the text at `path` changed to `value`, as the editor's form does. */
function save(file, path, value) {
  const data = fromFile(file, D);
  let target = data;
  for (const key of path.slice(0, -1)) target = target[key];
  target[path[path.length - 1]] = value;
  return edit(file, data, D);
}

function assertSavedExactly(file, path, value) {
  const saved = save(file, path, value);
  assert.notEqual(saved, null);
  const doc = front(saved);
  assert.deepEqual(doc.errors, []);
  const read = doc.getIn(path);
  const want = value.trim(); // the form trims what the operator typed, as the reader does
  assert.ok(read === want || read === want + "\n", `saved ${JSON.stringify(read)}, typed ${JSON.stringify(want)}\n${saved}`);
  // every other value reads as before
  const before = front(file).toJS();
  const after = doc.toJS();
  let a = before, b = after;
  for (const key of path.slice(0, -1)) { a = a[key]; b = b[key]; }
  delete a[path[path.length - 1]];
  delete b[path[path.length - 1]];
  assert.deepEqual(after, before);
  // and only the field's lines changed
  const [first, end] = linesOf(file, path);
  const old = file.split("\n");
  const now = saved.split("\n");
  assert.deepEqual(now.slice(0, first), old.slice(0, first), saved);
  assert.deepEqual(now.slice(now.length - (old.length - end)), old.slice(end), saved);
  return saved;
}

const PATHS = [["title", "nl"], ["updates", 0, "nl"], ["updates", 1, "en"], ["updates", 2, "nl"]];

test("any edit of any text in any style saves exactly the typed text, in that field's lines", () => {
  fc.assert(
    fc.property(
      fc.constantFrom(...PATHS), fc.constantFrom(...STYLES), fc.constantFrom(...CHOMPING),
      text.chain((old) => fc.tuple(fc.constant(old), edited(old))),
      (path, style, chomp, [old, value]) => {
        const file = outageFile(path, old, style, chomp);
        const read = front(file);
        // a style the yaml package cannot write this text in: no such file to start from
        fc.pre(read.errors.length === 0 && [old, old + "\n"].includes(read.getIn(path)));
        assertSavedExactly(file, path, value);
      },
    ),
    { numRuns: RUNS },
  );
});

// The file of the report: update 2's Dutch text, a folded block of two lines.
const REPORTED = `---
type: disruption
title:
  nl: "Douanevervoer (NCTS): niet beschikbaar"
  en: "Transit (NCTS): not available"
systems: [ncts]
start: 2026-11-29 08:40
process_changes:
  nl: >-
    Zolang de noodprocedure geldt, laat u zendingen onder douanevervoer vertrekken met een papieren
    begeleidingsdocument volgens de Europese continuïteitsregels. De stappen staan op de pagina met
    noodprocedures.
  en: While the fallback procedure applies, follow the steps on the fallback procedures page.
updates:
  - at: 2026-11-29 08:50
    status: investigating
    next_update: 2026-11-29 09:20
    nl: We onderzoeken de beschikbaarheid van NCTS.
    en: We are investigating the availability of NCTS.
  - at: 2026-11-29 09:10
    status: disruption
    fallback: allowed
    next_update: 2026-11-29 09:40
    nl: >-
      NCTS is verstoord en verwerkt geen aangiften. U mag de noodprocedure voor douanevervoer
      gebruiken.
    en: >-
      NCTS is disrupted and does not process declarations. You may use the fallback procedure for
      transit.
---
::: nl
Tekst.
:::

::: en
Text.
:::
`;

test("the reported case: 'NCTS is verstoord' becomes 'NCTS is gestoord' in update 2", () => {
  const old = fromFile(REPORTED, D).updates[1].nl;
  const saved = assertSavedExactly(REPORTED, ["updates", 1, "nl"], old.replace("verstoord", "gestoord"));
  assert.equal(saved, REPORTED.replace("NCTS is verstoord", "NCTS is gestoord"));
});

test("a one-word change in a folded block changes that line only, first, middle or last", () => {
  const path = ["process_changes", "nl"];
  const old = fromFile(REPORTED, D).process_changes.nl;
  for (const [from, to] of [["geldt", "van kracht is"], ["Europese", "EU-"], ["noodprocedures.", "de noodprocedures."]]) {
    const saved = assertSavedExactly(REPORTED, path, old.replace(from, to));
    const changed = saved.split("\n").filter((line) => !REPORTED.split("\n").includes(line));
    assert.equal(changed.length, 1, saved);
    assert.ok(changed[0].includes(to), saved);
  }
});

test("a paragraph break typed into a folded text is kept", () => {
  assertSavedExactly(REPORTED, ["updates", 1, "nl"], "Eerste alinea.\n\nTweede alinea,\nmet een regel.");
});

test("trailing spaces inside, tabs and long words survive", () => {
  const file = REPORTED;
  for (const value of ["a  \nb", "x\ty", "a".repeat(200) + " b", " -a", "# niet een commentaar", "a: b", "'x"]) {
    assertSavedExactly(file, ["updates", 1, "nl"], value);
    assertSavedExactly(file, ["process_changes", "en"], value);
  }
});
