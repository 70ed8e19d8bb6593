// P04 in the web editor (check-overrun.js): planned work past its planned end without an
// overrun notice is named in each language's own words, from the one catalogue of messages.
import { test } from "node:test";
import assert from "node:assert/strict";
import { checkOverrunAnnounced } from "../../theme/admin/check-overrun.js";
import { say } from "../../theme/admin/check-messages.js";
import { instant } from "../../theme/admin/amsterdam-time.js";
import { D } from "./editor-data.mjs";

const R = D.rules;
const at = (text) => instant(text, R.time_zone);

function warnings(type, updates, now) {
  const said = [];
  const problems = {
    R,
    warn(code, where, line, key, values) { said.push({ code, line, text: say(R, key, values) }); },
  };
  const times = { start: at("2026-11-29 02:00"), end: at("2026-11-29 06:00") };
  checkOverrunAnnounced(type, times, { end: 7 }, updates, now, problems);
  return said;
}

test("planned work still open past its end names its type in Dutch and in English", () => {
  const [warning] = warnings("unplanned-maintenance", [], at("2026-11-29 07:00"));
  assert.equal(warning.code, "P04");
  assert.equal(warning.line, 7);
  assert.match(warning.text.nl, /^het ongeplande onderhoud is nu, /);
  assert.match(warning.text.en, /^the unplanned maintenance is still open at now, /);
  assert.doesNotMatch(warning.text.nl, /maintenance/);
});

test("every planned type has its words in both languages", () => {
  for (const type of R.planned_types) {
    const words = say(R, "kind_" + type, {});
    assert.ok(words.nl && words.en, type);
    assert.notEqual(words.nl, words.en, type);
  }
});
