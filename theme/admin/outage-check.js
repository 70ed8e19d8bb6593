/*
 * The checker's one-file rules (OUT001-OUT006 and P01, docs/protocol-rules.md) in the browser, so
 * that the editor says before a save what `invoke check` will say of the file.
 *
 * Every field name, allowed value, limit and pattern comes from the generated rules (editor.json
 * "rules", written by plugins/douane_status/editor/checker_rules.py from the reader, the model and
 * the timestamp parser), and so does every message after OUT001: the catalogue of
 * domain/check_messages.py, in English and Dutch, with the labels and lines the reader gives.
 * tests/test_admin_check.py runs the invalid corpus through this and the Python checker and
 * compares codes, lines and messages. Each rule is one function named after what it checks.
 * Besides the errors that refuse a save, the protocol's warnings that one file shows at the
 * moment of saving (P04 and P05 of an overrun, with the working days the build exports; P07,
 * P11, P13) are found too: the save goes on, and the operator has seen what the check will say.
 */
import * as file from "./outage-file.js";
import { Problems, field } from "./check-messages.js";
import { checkCharacters, checkFrontMatterParses, keyLine, pairs } from "./check-nodes.js";
import * as format from "./check-format.js";
import { checkOverrunAnnounced, checkOverrunCadence } from "./check-overrun.js";
import { checkCommunication } from "./check-protocol.js";

export { problem, say, closest } from "./check-messages.js";

/* Every finding `invoke check` would give this one file (its text and its id) at `now` (ms, the
   moment of saving), with the rules that need no other file; OUT006 only when the file has no
   other error, as the checker. */
export function checkFile(content, eventId, R, now) {
  var problems = new Problems(R, 1, "");
  var source = checkCharacters(file.normalText(content), R, problems);
  var parts = file.split(source);
  if (!parts) {
    problems.add("OUT001", field("front matter"), "Het bestand begint niet met een kop tussen '---' en '---'",
      "The file does not start with front matter between '---' and '---'");
    return problems.list;
  }
  problems.firstLine = (parts.open.match(/\n/g) || []).length + 1;
  problems.front = parts.front;
  var front = checkFrontMatterParses(parts.front, R, problems);
  if (!front) return problems.list;
  format.checkFileName(eventId, R, problems);
  format.checkNoUnknownFields(front, R.top_fields, "", field("front matter"), problems);
  var items = pairs(front);
  var lines = {};
  R.top_fields.forEach(function (name) { lines[name] = keyLine(front, name, problems); });
  var type = "type" in items ? format.checkChoice(items.type, field("type"), R.event_types, problems) : null;
  format.checkRequiredFields(front, type, problems);
  if ("title" in items) {
    var before = problems.list.length;
    format.checkBilingual(items.title, field("title"), lines.title, problems);
    if (problems.list.length === before) format.checkTitleLine(items.title, lines.title, problems);
  }
  format.checkSystems(items.systems, problems);
  var times = {};
  R.top_times.forEach(function (name) { times[name] = format.checkTimestamp(items[name], field(name), problems); });
  if ("fallback_possible" in items) format.checkBoolean(items.fallback_possible, field("fallback_possible"), problems);
  if ("follows" in items) format.single(items.follows, field("follows"), problems);
  R.optional_texts.forEach(function (name) {
    if (name in items) format.checkBilingual(items[name], field(name), lines[name], problems);
  });
  var updates = format.checkUpdates(items.updates, lines.updates, problems);
  var bodyLine = problems.firstLine + (parts.front.match(/\n/g) || []).length + 1;
  var blocks = format.checkBody(parts.body, bodyLine, problems);
  format.checkBodyTexts(blocks, bodyLine, problems);
  if (problems.list.length === 0 && type !== null) {
    if ("follows" in items && R.follows_types.indexOf(type) < 0) {
      problems.say("OUT002", field("follows"), lines.follows, "follows_not_here", { type: type });
    }
    format.checkChronology(type, times, lines, updates, problems);
    format.checkFallbackEndedAfterAllowed(updates, problems);
    checkOverrunAnnounced(type, times, lines, updates, now, problems);
    checkOverrunCadence(type, times, updates, problems);
    checkCommunication(type, items, updates, problems);
  }
  return problems.list;
}

/* The problems as one message in both languages, for Decap's notice. */
export function describe(problems) {
  function line(p, lang) {
    return "• " + (p.named ? "" : p.field[lang] + ": ") + p[lang] + " (" + p.code + ")";
  }
  var nl = problems.map(function (p) { return line(p, "nl"); });
  var en = problems.map(function (p) { return line(p, "en"); });
  return "Niet opgeslagen / Not saved\n" + nl.join("\n") + "\n\n" + en.join("\n");
}
