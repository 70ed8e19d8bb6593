/*
 * The outage file format in Decap CMS (docs/outage-format.md): what Decap reads and writes, and
 * what happens before a save. No browser needed: the tests run this under Node.
 *
 *   - outage-file.js reads the files and writes new ones; outage-edit.js saves an opened file
 *     changing only what the operator changed;
 *   - outage-phrases.js fills in empty texts and closes as the commands do;
 *   - outage-check.js says, before saving, what `invoke check` would say of the one file (with
 *     check-nodes.js, check-format.js, check-protocol.js and check-messages.js);
 *   - amsterdam-time.js keeps every time in Dutch time, whatever the browser's zone.
 *
 * The form differs from the file in two places, both translated by outage-file.js: the body's
 * `::: nl` / `::: en` blocks are the form fields body_nl and body_en, and the type is chosen by its
 * word in the event id ("verstoring"), so that Decap names new files as `invoke new` does.
 */
import * as file from "./outage-file.js";
import { toFile } from "./outage-edit.js";
import * as check from "./outage-check.js";
import * as phrases from "./outage-phrases.js";

export function makeFormat(D) {
  return {
    fromFile: function (content) { return file.fromFile(content, D); },
    toFile: function (data) { return toFile(data, D); },
  };
}

/* The event id the file will have: an opened file keeps its own, a new one is named from the
   form (the start's date in Dutch time, as the file writes it, whatever the browser's zone). */
export function eventId(slug, isNew, data) {
  if (slug && !isNew) return String(slug).split("/").pop();
  var date = String(data.start || "").slice(0, 10);
  return [date].concat(file.list(data.systems), [data.type]).join("-").toLowerCase();
}

/* What a save of the form's data (an Immutable map) would write: filled in from the phrasebook,
   then judged as `invoke check` would judge the file. Returns {data, problems}; a problem whose
   severity is "error" refuses the save, a warning does not. `now` (ms) is the moment of saving. */
export function review(entryData, slug, isNew, D, now) {
  var data = entryData;
  var problems = [];
  try {
    data = phrases.fill(entryData, D);
  } catch (error) {
    problems.push(error.problem || check.problem("P01", "error", { nl: "tekst", en: "text" }, null, error.message, error.message));
  }
  var plain = data.toJS();
  var text = toFile(plain, D);
  problems = problems.concat(check.checkFile(text, eventId(slug, isNew, plain), D.rules, now));
  return { data: data, problems: problems, text: text };
}
