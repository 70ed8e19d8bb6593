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
 * moment of saving (P04's late notice, P07, P11, P13) are found too: the save goes on, and the operator has seen
 * what the check will say.
 */
import * as YAML from "./yaml/index.js";
import * as file from "./outage-file.js";
import * as time from "./amsterdam-time.js";

/* One finding: code, severity ("error" refuses the save), the field in both languages, the
   file's line (or null) and the message in both languages. */
export function problem(code, severity, where, line, nl, en) {
  return { code: code, severity: severity, field: where, line: line, nl: nl, en: en };
}

/* The findings of one file, and how to find a node's line in it. */
function Problems(R, firstLine, front) {
  this.list = [];
  this.R = R;
  this.firstLine = firstLine; // the file's line of the front matter's first line
  this.front = front;
}

Problems.prototype.add = function (code, field, nl, en) {
  this.list.push(problem(code, "error", field, null, nl, en));
};

Problems.prototype.addAt = function (code, field, line, nl, en) {
  this.list.push(problem(code, "error", field, line, nl, en));
};

/* A finding in the catalogue's words: `key` with `values` (a value may be {nl, en}). */
Problems.prototype.say = function (code, field, line, key, values) {
  var words = say(this.R, key, values || {});
  this.list.push(named(problem(code, "error", field, line, words.nl, words.en)));
};

/* A problem whose message names its field itself (the catalogue's do). */
function named(found) {
  found.named = true;
  return found;
}

/* The file's line of a YAML node (or of an offset in the front matter). */
/* A warning in the catalogue's words: the checker reports it, the save goes on. */
Problems.prototype.warn = function (code, field, line, key, values) {
  var words = say(this.R, key, values || {});
  this.list.push(named(problem(code, "warning", field, line, words.nl, words.en)));
};

Problems.prototype.lineOf = function (nodeOrOffset) {
  var offset = typeof nodeOrOffset === "number" ? nodeOrOffset : nodeOrOffset.range[0];
  return this.firstLine + (this.front.slice(0, offset).match(/\n/g) || []).length;
};

/* The catalogue's message `key` in Dutch and English, placeholders filled in. */
export function say(R, key, values) {
  var out = {};
  ["nl", "en"].forEach(function (lang) {
    out[lang] = R.messages[key][lang].replace(/%\((\w+)\)s/g, function (all, name) {
      var value = values[name];
      return value !== null && typeof value === "object" ? value[lang] : String(value);
    });
  });
  return out;
}

function field(name) { return { nl: name, en: name }; }

function words(text) { return { nl: text, en: text }; }

function joined(a, b) { return { nl: a.nl + b.nl, en: a.en + b.en }; }

/* -- YAML nodes, as the reader sees them --------------------------------------------------- */

function isQuoted(node) {
  var T = YAML.Scalar;
  return [T.QUOTE_SINGLE, T.QUOTE_DOUBLE, T.BLOCK_FOLDED, T.BLOCK_LITERAL].indexOf(node.type) >= 0;
}

function isNull(node, R) {
  if (node === null || node === undefined) return true;
  return YAML.isScalar(node) && !isQuoted(node) && !node.tag &&
    R.null_words.indexOf(String(node.source === undefined ? node.value : node.source)) >= 0;
}

function kind(node) { return YAML.isSeq(node) ? "kind_list" : YAML.isMap(node) ? "kind_mapping" : "kind_value"; }

function text(node) { return String(node.value); }

/* P01: nothing is left once the reader removes whitespace and bidirectional controls. */
function isBlank(value, R) {
  return !value.replace(new RegExp("[" + R.bidi_controls + "]", "g"), "").trim();
}

/* What a P01 message adds when a text is not empty but only invisible characters. */
function invisibleOnly(value, R) {
  return value.trim() ? say(R, "invisible_only", {}) : words("");
}

/* What a P01 message adds when a text is YAML's empty value written as a word ('~', 'null'). */
function nullWord(node, R) {
  var word = String(node.source === undefined || node.source === null ? "" : node.source);
  return word ? say(R, "null_word", { word: word }) : words("");
}

function pairs(map) {
  var out = {};
  map.items.forEach(function (pair) { out[String(pair.key.value)] = pair.value; });
  return out;
}

function keyLine(map, name, problems) {
  var pair = map.items.find(function (p) { return String(p.key.value) === name; });
  return pair ? problems.lineOf(pair.key) : null;
}

/* The closest known name, as Python's difflib.get_close_matches(name, known, n=1, cutoff=0.6)
   finds it: the checker suggests it, so the editor does too. */
export function closest(name, known) {
  var best = null;
  known.forEach(function (candidate) {
    var score = similarity(candidate, name);
    if (score >= 0.6 && (best === null || score > best[0] || (score === best[0] && candidate > best[1]))) {
      best = [score, candidate];
    }
  });
  return best ? best[1] : null;
}

/* difflib.SequenceMatcher(None, a, b).ratio(): twice the matched characters over both lengths. */
function similarity(a, b) {
  var matched = 0;
  var queue = [[0, a.length, 0, b.length]];
  while (queue.length) {
    var q = queue.pop();
    var m = longestMatch(a, b, q[0], q[1], q[2], q[3]);
    if (m[2]) {
      matched += m[2];
      if (q[0] < m[0] && q[2] < m[1]) queue.push([q[0], m[0], q[2], m[1]]);
      if (m[0] + m[2] < q[1] && m[1] + m[2] < q[3]) queue.push([m[0] + m[2], q[1], m[1] + m[2], q[3]]);
    }
  }
  return a.length + b.length ? 2 * matched / (a.length + b.length) : 1;
}

function longestMatch(a, b, alo, ahi, blo, bhi) {
  var best = [alo, blo, 0];
  var lengths = {};
  for (var i = alo; i < ahi; i++) {
    var next = {};
    for (var j = blo; j < bhi; j++) {
      if (a[i] !== b[j]) continue;
      var k = (next[j] = (lengths[j - 1] || 0) + 1);
      if (k > best[2]) best = [i - k + 1, j - k + 1, k];
    }
    lengths = next;
  }
  return best;
}

function hint(R, name, known) {
  var close = closest(name, known);
  return close === null ? words("") : say(R, "did_you_mean", { name: close });
}

/* OUT001: no character that no page or feed may hold (controls, non-characters, lone
   surrogates), typed or pasted into the file; returns the text with U+FFFD in their place. */
function checkCharacters(source, R, problems) {
  var refused = new RegExp(R.forbidden_characters, "u");
  function referenced(line) {
    var pattern = new RegExp(R.character_reference, "g");
    var match;
    while ((match = pattern.exec(line)) !== null) {
      var code = match[1] ? parseInt(match[1], 16) : parseInt(match[2], 10);
      if (code <= 0x10ffff && refused.test(String.fromCodePoint(code))) return code;
    }
    return null;
  }
  var lines = source.split("\n");
  for (var i = 0; i < lines.length; i++) {
    var found = refused.exec(lines[i]);
    var code = found ? found[0].codePointAt(0) : referenced(lines[i]);
    if (code !== null) {
      var name = "U+" + code.toString(16).toUpperCase().padStart(4, "0");
      problems.addAt("OUT001", { nl: "regel " + (i + 1), en: "line " + (i + 1) }, i + 1,
        "bevat het onzichtbare teken " + name + " (vaak meegeplakt uit een tekstverwerker), getypt of als '&#…;': verwijder het",
        "holds the invisible character " + name + " (often pasted from a word processor), typed or as '&#…;': delete it");
      break;
    }
  }
  return source.replace(new RegExp(R.forbidden_characters, "gu"), "\ufffd");
}

/* OUT001: a double-quoted value (or field name) that writes such a character with an escape. */
function escapedCharacter(node, R) {
  if (!YAML.isScalar(node) || node.type !== YAML.Scalar.QUOTE_DOUBLE) return false;
  return new RegExp(R.forbidden_characters, "u").test(String(node.value));
}

/* OUT001: the front matter is one YAML mapping, without anchors, aliases, merge keys, field
   names that are not text, or nesting and sizes beyond the reader's limits. */
function checkFrontMatterParses(front, R, problems) {
  var doc = YAML.parseDocument(front, { schema: "failsafe", uniqueKeys: true, merge: false, resolveKnownTags: false });
  if (doc.errors.length) {
    var e = doc.errors[0];
    var message = String(e.message).split("\n")[0];
    var line = e.linePos ? e.linePos[0].line : null;
    problems.addAt("OUT001", field("front matter"), line ? problems.firstLine + line - 1 : null,
      "De kop (front matter) is geen geldige YAML" + (line ? " (regel " + line + " van de kop)" : "") + ": " + message,
      "The front matter is not valid YAML" + (line ? " (line " + line + " of the front matter)" : "") + ": " + message);
    return null;
  }
  var trouble = null;
  var nodes = 0;
  var at = null;
  function walk(node, depth) {
    if (trouble || node === null || node === undefined) return;
    nodes += 1;
    at = node;
    if (escapedCharacter(node, R)) trouble = ["een waarde tussen dubbele aanhalingstekens schrijft met een escape (\\v, \\x01) een onzichtbaar teken: haal de escape weg", "a value in double quotes writes an invisible character with an escape (\\v, \\x01): remove the escape"];
    else if (YAML.isAlias(node) || node.anchor) trouble = ["ankers en aliassen (& en *) zijn niet toegestaan", "anchors and aliases (& and *) are not allowed"];
    else if (depth > R.max_depth) trouble = ["te diep genest", "nested too deeply"];
    else if (nodes > R.max_nodes) trouble = ["te veel waarden", "too many values"];
    else if (YAML.isMap(node)) {
      node.items.forEach(function (pair) {
        if (trouble) return;
        at = pair.key || at;
        if (!YAML.isScalar(pair.key)) trouble = ["een veldnaam moet tekst zijn", "a field name must be text"];
        else if (escapedCharacter(pair.key, R)) trouble = ["een veldnaam tussen dubbele aanhalingstekens schrijft met een escape een onzichtbaar teken: haal de escape weg", "a field name in double quotes writes an invisible character with an escape: remove the escape"];
        else if (pair.key.anchor || YAML.isAlias(pair.key)) trouble = ["ankers en aliassen (& en *) zijn niet toegestaan", "anchors and aliases (& and *) are not allowed"];
        else if (String(pair.key.value) === "<<" && !isQuoted(pair.key)) trouble = ["samenvoegsleutels (<<) zijn niet toegestaan", "merge keys (<<) are not allowed"];
        else walk(pair.value, depth + 1);
      });
    } else if (YAML.isSeq(node)) {
      node.items.forEach(function (item) { walk(item, depth + 1); });
    }
  }
  walk(doc.contents, 1);
  if (trouble) {
    problems.addAt("OUT001", field("front matter"), at && at.range ? problems.lineOf(at) : null,
      "De kop (front matter): " + trouble[0], "The front matter: " + trouble[1]);
    return null;
  }
  if (!YAML.isMap(doc.contents)) {
    problems.addAt("OUT001", field("front matter"), problems.firstLine, "De kop moet uit velden bestaan ('naam: waarde')",
      "The front matter must be fields ('name: value')");
    return null;
  }
  return doc.contents;
}

/* OUT004: the file name is a valid event id. */
function checkFileName(eventId, R, problems) {
  if (eventId && !new RegExp("^(?:" + R.event_id + ")$").test(eventId)) { // in full, as fullmatch
    problems.say("OUT004", { nl: "bestandsnaam", en: "file name" }, 1, "bad_file_name", { id: eventId });
  }
}

/* OUT002: no unknown fields. */
function checkNoUnknownFields(map, known, where, field, problems) {
  map.items.forEach(function (pair) {
    var name = String(pair.key.value);
    if (known.indexOf(name) >= 0) return;
    problems.say("OUT002", field, problems.lineOf(pair.key), "unknown_field",
      { name: name, where: where, hint: hint(problems.R, name, known), known: known.join(", ") });
  });
}

/* OUT003 / OUT004: a single, non-empty value. Returns its text or null. */
function single(node, label, problems) {
  if (YAML.isScalar(node) && !isNull(node, problems.R) && text(node).trim()) return text(node);
  if (isNull(node, problems.R) || YAML.isScalar(node)) {
    problems.say("OUT003", label, node ? problems.lineOf(node) : null, "empty", { label: label });
  } else {
    problems.say("OUT004", label, problems.lineOf(node), "not_single", { label: label, kind: say(problems.R, kind(node), {}) });
  }
  return null;
}

/* OUT004: one of the allowed values. */
function checkChoice(node, label, allowed, problems) {
  var value = single(node, label, problems);
  if (value === null) return null;
  if (allowed.indexOf(value) >= 0) return value;
  var wanted = value.trim().toLowerCase().replace(/_/g, "-").replace(/ /g, "-");
  var near = allowed.indexOf(wanted) >= 0 ? say(problems.R, "did_you_mean", { name: wanted }) : hint(problems.R, value, allowed);
  problems.say("OUT004", label, problems.lineOf(node), "not_known", { label: label, value: value, hint: near, allowed: allowed.join(", ") });
  return null;
}

/* OUT004 / OUT005: a real Dutch time, or a time with an offset; returns the instant (ms). */
function checkTimestamp(node, label, problems) {
  if (node === undefined) return null;
  var value = single(node, label, problems);
  if (value === null) return null;
  var R = problems.R;
  var line = problems.lineOf(node);
  var stamp = value.trim();
  function fail(code, key, values) {
    problems.say(code, label, line, "time", { label: label, problem: say(R, key, values) });
    return null;
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(stamp)) return fail("OUT004", "date_only", { text: stamp });
  var parsed = new RegExp(R.timestamp).test(stamp) ? time.parse(stamp) : null;
  if (!parsed) return fail("OUT004", "not_timestamp", { text: stamp });
  if (!time.isRealWall(parsed.wall)) return fail("OUT004", "not_real_time", { text: stamp });
  if (parsed.wall.y < R.years[0] || parsed.wall.y > R.years[1]) return fail("OUT004", "bad_year", { text: stamp, year: parsed.wall.y });
  if (parsed.offset !== null && isNaN(parsed.offset)) return fail("OUT004", "bad_offset", { offset: /([+-][\d:]+|[Zz])$/.exec(stamp)[1] });
  if (parsed.offset === null) {
    var offsets = time.offsetsOf(parsed.wall, R.time_zone);
    var wall = time.wallText(parsed.wall);
    if (offsets.length === 0) {
      var hour = 3600000;
      var at = Date.UTC(parsed.wall.y, parsed.wall.mo - 1, parsed.wall.d, parsed.wall.h, parsed.wall.mi);
      var before = time.wallText(time.wallAt(at - hour, "UTC"));
      var after = time.wallText(time.wallAt(at + hour, "UTC"));
      return fail("OUT005", "time_in_gap", { text: stamp, zone: R.time_zone, before: before, after: after });
    }
    if (offsets.length > 1) {
      return fail("OUT005", "time_twice", { text: stamp, zone: R.time_zone,
        first: wall + time.offsetText(offsets[0]), second: wall + time.offsetText(offsets[1]) });
    }
  }
  return time.instant(value, R.time_zone);
}

/* OUT004: true or false, as plain words. */
function checkBoolean(node, label, problems) {
  var value = single(node, label, problems);
  if (value === null) return;
  var R = problems.R;
  var word = isQuoted(node) ? null : value;
  if (R.booleans["true"].indexOf(word) < 0 && R.booleans["false"].indexOf(word) < 0) {
    problems.say("OUT004", label, problems.lineOf(node), "not_boolean", { label: label, value: value });
  }
}

/* P01 (afspraak 6): a text has a non-empty Dutch and English version. */
function checkBilingual(node, label, line, problems) {
  var R = problems.R;
  if (YAML.isScalar(node) && !isNull(node, R)) {
    problems.say("P01", label, line, "one_text_only", { label: label });
    return;
  }
  if (!YAML.isMap(node)) {
    if (isNull(node, R) || YAML.isScalar(node)) problems.say("P01", label, line, "texts_empty", { label: label });
    else problems.say("OUT004", label, line, "texts_not_list", { label: label });
    return;
  }
  checkNoUnknownFields(node, R.text_fields, say(R, "label_in", { label: label }), label, problems);
  checkLanguages(node, label, line, problems);
}

/* P01 / OUT004: the `nl` and `en` of a mapping; other fields are not looked at. */
function checkLanguages(map, label, line, problems) {
  var items = pairs(map);
  ["nl", "en"].forEach(function (lang) {
    var value = items[lang];
    var where = joined(label, words(", " + lang));
    if (value === undefined || isNull(value, problems.R) || (YAML.isScalar(value) && isBlank(text(value), problems.R))) {
      var invisible = value === undefined ? words("")
        : isNull(value, problems.R) ? nullWord(value, problems.R) : invisibleOnly(text(value), problems.R);
      problems.say("P01", where, keyLine(map, lang, problems) || line, "no_text_in",
        { label: label, language: say(problems.R, "lang_" + lang, {}), lang: lang, invisible: invisible });
    } else if (!YAML.isScalar(value)) {
      problems.say("OUT004", where, problems.lineOf(value), "text_not_text",
        { label: label, lang: lang, kind: say(problems.R, kind(value), {}) });
    }
  });
}

/* OUT004: a title is one line of at most R.max_title characters in each language (headings,
   feeds and calendars show it whole). */
function checkTitleLine(node, line, problems) {
  if (!YAML.isMap(node)) return;
  var items = pairs(node);
  ["nl", "en"].forEach(function (lang) {
    var value = items[lang];
    if (value === undefined || !YAML.isScalar(value) || isNull(value, problems.R)) return;
    var title = text(value).trim();
    var where = field("title, " + lang);
    var at = keyLine(node, lang, problems) || line;
    if (title.indexOf("\n") >= 0) problems.say("OUT004", where, at, "title_lines", { lang: lang });
    else if (Array.from(title).length > problems.R.max_title) {
      problems.say("OUT004", where, at, "title_length", { lang: lang, count: Array.from(title).length, most: problems.R.max_title });
    }
  });
}

/* OUT003 / OUT004: known systems, each once. */
function checkSystems(node, problems) {
  if (node === undefined) return;
  var R = problems.R;
  var where = field("systems");
  var entries = YAML.isSeq(node) ? node.items : [node];
  if (YAML.isSeq(node) && !entries.length) problems.say("OUT003", where, problems.lineOf(node), "systems_empty");
  var seen = [];
  entries.forEach(function (entry) {
    var value = single(entry, say(R, "label_systems_entry", {}), problems);
    if (value === null) return;
    value.split(",").map(function (s) { return s.trim(); }).forEach(function (id) {
      if (R.system_ids.indexOf(id) < 0) {
        problems.say("OUT004", where, problems.lineOf(entry), "unknown_system",
          { id: id, hint: hint(R, id, R.system_ids), known: R.system_ids.join(", ") });
      } else if (seen.indexOf(id) >= 0) {
        problems.say("OUT004", where, problems.lineOf(entry), "system_twice", { id: id });
      } else seen.push(id);
    });
  });
}

/* OUT003: the fields every event needs, and those planned work needs. */
function checkRequiredFields(front, type, problems) {
  var R = problems.R;
  var items = pairs(front);
  var planned = R.planned_types.indexOf(type) >= 0;
  R.required.concat(planned ? R.required_for_planned : []).forEach(function (name) {
    if (name in items) return;
    var what = R.required_for_planned.indexOf(name) >= 0 ? say(R, "for_type", { type: type }) : words("");
    problems.say("OUT003", field(name), problems.lineOf(front), "missing_field", { name: name, what: what });
  });
}

/* The updates: each a mapping with known fields, a time, a known status, texts. */
function checkUpdates(node, keyAt, problems) {
  var R = problems.R;
  if (node === undefined) return [];
  if (!YAML.isSeq(node)) {
    problems.say("OUT004", field("updates"), keyAt, "updates_not_list");
    return [];
  }
  if (!node.items.length) problems.say("OUT003", field("updates"), problems.lineOf(node), "updates_empty");
  var result = [];
  node.items.forEach(function (item, index) {
    var line = problems.lineOf(item);
    var label = say(R, "label_update", { number: index + 1, line: line });
    var sub = function (name) { return joined(label, words(" " + name)); };
    if (!YAML.isMap(item)) {
      problems.say("OUT004", label, line, "update_not_fields", { label: label });
      return;
    }
    checkNoUnknownFields(item, R.update_fields, say(R, "label_in", { label: label }), label, problems);
    var items = pairs(item);
    R.required_in_update.forEach(function (name) {
      if (!(name in items)) problems.say("OUT003", sub(name), line, "update_lacks", { label: label, name: name });
    });
    var at = checkTimestamp(items.at, sub("at"), problems);
    var status = "status" in items ? checkChoice(items.status, sub("status"), R.statuses, problems) : null;
    var nextUpdate = checkTimestamp(items.next_update, sub("next_update"), problems);
    checkTimestamp(items.expected_end, sub("expected_end"), problems);
    var fallback = "fallback" in items ? checkChoice(items.fallback, sub("fallback"), R.fallbacks, problems) : null;
    if (status === R.overrun && !("expected_end" in items)) {
      problems.say("OUT003", sub("expected_end"), line, "overrun_without_end", { label: label });
    }
    checkLanguages(item, label, line, problems);
    result.push({ number: index + 1, line: line, label: label, at: at, status: status, nextUpdate: nextUpdate, fallback: fallback });
  });
  return result;
}

/* OUT006, as the checker judges an event read without errors: end after start; a disruption's
   start not after its first update; each promised next update after its own update; updates
   oldest first; nothing after a final update; each status one the type uses. */
function checkChronology(type, times, lines, updates, problems) {
  var R = problems.R;
  if (times.start !== null && times.end !== null && times.end <= times.start) {
    problems.say("OUT006", field("end"), lines.end, "end_before_start");
  }
  if (type === R.disruption && times.start !== null && updates.length && updates[0].at < times.start) {
    problems.say("OUT006", field("start"), lines.start, "start_after_first_update", { line: updates[0].line });
  }
  updates.forEach(function (update) {
    if (update.nextUpdate !== null && update.nextUpdate <= update.at) {
      problems.say("OUT006", joined(update.label, words(" next_update")), update.line, "next_update_early", { label: update.label });
    }
  });
  for (var i = 1; i < updates.length; i++) {
    var previous = updates[i - 1];
    var update = updates[i];
    if (update.at < previous.at) {
      problems.say("OUT006", joined(update.label, words(" at")), update.line, "update_out_of_order", { label: update.label, previous: previous.number });
    }
    if (R.final_statuses.indexOf(previous.status) >= 0) {
      problems.say("OUT006", joined(update.label, words(" status")), update.line, "update_after_final",
        { label: update.label, previous: previous.number, status: previous.status });
    }
  }
  var allowed = R.statuses_by_type[type] || [];
  updates.forEach(function (update) {
    if (allowed.indexOf(update.status) < 0) {
      problems.say("OUT006", joined(update.label, words(" status")), update.line, "status_not_for_type",
        { label: update.label, status: update.status, type: type, allowed: allowed.join(", ") });
    }
  });
}

/* OUT006: 'fallback: ended' only on an update after one with 'fallback: allowed' (a procedure
   that was never allowed cannot end). */
function checkFallbackEndedAfterAllowed(updates, problems) {
  var R = problems.R;
  var allowed = false;
  updates.forEach(function (update) {
    if (update.fallback === R.fallback_ended && !allowed) {
      problems.say("OUT006", joined(update.label, words(" fallback")), update.line, "ended_never_allowed", { label: update.label });
    }
    allowed = allowed || update.fallback === R.fallback_allowed;
  });
}

/* A moment as the checker's messages show it: Dutch time with its zone ("2026-11-29 10:00 CET"). */
function when(ms, R) {
  var zone = new Intl.DateTimeFormat("en-GB", { timeZone: R.time_zone, timeZoneName: "short" })
    .formatToParts(new Date(ms)).find(function (part) { return part.type === "timeZoneName"; });
  return time.wallText(time.wallAt(ms, R.time_zone)) + " " + zone.value;
}

/* A length of time as the checker's messages give it: "31 minutes", with seconds when there are. */
function span(ms, R) {
  var seconds = Math.abs(Math.trunc(ms / 1000));
  var minutes = Math.floor(seconds / 60);
  var text = say(R, minutes === 1 ? "minute" : "minutes", { count: minutes });
  return seconds % 60 ? joined(text, say(R, "seconds", { count: seconds % 60 })) : text;
}

/* P04 (an overrun announced no later than 30 minutes before the planned end): a late notice is
   judged when it is published, as the checker judges it. (That planned work ran past its end
   without any notice is the check's to say: it needs the clock.) */
function checkOverrunAnnounced(type, times, updates, problems) {
  var R = problems.R;
  if (R.planned_types.indexOf(type) < 0 || times.end === null) return;
  var notice = R.overrun_notice_minutes * 60000;
  var overruns = updates.filter(function (u) { return u.status === R.overrun; });
  if (!overruns.length || overruns.some(function (u) { return times.end - u.at >= notice; })) return;
  var first = overruns[0];
  var before = times.end - first.at;
  problems.warn("P04", joined(first.label, words(" status")), first.line, "overrun_late", {
    label: first.label,
    at: when(first.at, R),
    relation: say(R, before >= 0 ? "span_before" : "span_after", { span: span(before, R) }),
    end: when(times.end, R),
    notice: span(notice, R),
    due: when(times.end - notice, R),
  });
}

/* P07 (the next communication moment stated), P11 (the fallback procedure ended, and the
   buffered messages explained, when a disruption ends) and P13 ('no-fault' only after an
   investigation): warnings, judged from the file alone as the checker judges them. */
function checkCommunication(type, items, updates, problems) {
  var R = problems.R;
  var isFinal = function (update) { return R.final_statuses.indexOf(update.status) >= 0; };
  updates.forEach(function (update) {
    if (update.nextUpdate === null && ((type === R.disruption && !isFinal(update)) || update.status === R.overrun)) {
      problems.warn("P07", joined(update.label, words(" next_update")), update.line, "next_update_missing",
        { label: update.label, status: update.status });
    }
  });
  var final = updates.length && isFinal(updates[updates.length - 1]) ? updates[updates.length - 1] : null;
  if (type !== R.disruption || final === null) return;
  var allowed = updates.map(function (u) { return u.fallback === R.fallback_allowed; }).lastIndexOf(true);
  if (allowed >= 0) {
    var missing = [];
    if (!updates.slice(allowed + 1).some(function (u) { return u.fallback === R.fallback_ended; })) {
      missing.push(say(R, "fallback_ended_missing", { label: final.label, last: updates[allowed].label }));
    }
    if (!("buffered_messages" in items)) missing.push(say(R, "buffered_missing", {}));
    if (missing.length) {
      var and = say(R, "and", {});
      var list = {
        nl: missing.map(function (m) { return m.nl; }).join(and.nl),
        en: missing.map(function (m) { return m.en; }).join(and.en),
      };
      problems.warn("P11", joined(final.label, words(" fallback")), final.line, "fallback_not_closed",
        { label: final.label, status: final.status, missing: list });
    }
  }
  if (final.status === R.no_fault) {
    var confirmed = updates.slice(0, -1).find(function (u) { return u.status !== R.investigating; });
    if (confirmed) {
      problems.warn("P13", joined(final.label, words(" status")), final.line, "no_fault_after_confirmed",
        { label: final.label, confirmed: confirmed.label, status: confirmed.status });
    }
  }
}

/* OUT004 / P01: the body is a '::: nl' and a '::: en' block, each once, nothing outside them. */
function checkBody(body, firstLine, problems) {
  var lines = body.split("\n");
  var blocks = {};
  var OPEN = /^:::\s*([A-Za-z-]+)\s*$/;
  var where = { nl: "toelichting", en: "body" };
  var i = 0;
  while (i < lines.length) {
    var open = OPEN.exec(lines[i]);
    if (open) {
      var lang = open[1].toLowerCase();
      var close = i + 1;
      while (close < lines.length && !/^:::\s*$/.test(lines[close])) close++;
      var line = firstLine + i;
      if (close >= lines.length) problems.say("OUT004", where, line, "block_not_closed", { lang: lang });
      if (lang !== "nl" && lang !== "en") problems.say("OUT004", where, line, "block_language", { lang: lang });
      else if (lang in blocks) problems.say("OUT004", where, line, "block_twice", { lang: lang, line: blocks[lang].line });
      else blocks[lang] = { line: line, text: lines.slice(i + 1, close).join("\n") };
      i = close + 1;
    } else if (lines[i].trim()) {
      problems.say("OUT004", where, firstLine + i, "outside_block");
      while (i < lines.length && lines[i].trim() && !OPEN.exec(lines[i])) i++;
    } else i++;
  }
  return blocks;
}

/* P01: the body has a Dutch and an English text. */
function checkBodyTexts(blocks, bodyLine, problems) {
  ["nl", "en"].forEach(function (lang) {
    if (blocks[lang] && !isBlank(blocks[lang].text, problems.R)) return;
    problems.say("P01", { nl: "toelichting (" + lang + ")", en: "body (" + lang + ")" },
      blocks[lang] ? blocks[lang].line : bodyLine, "body_lacks", { language: say(problems.R, "lang_" + lang, {}), lang: lang,
        invisible: blocks[lang] ? invisibleOnly(blocks[lang].text, problems.R) : words("") });
  });
}

/* Every finding `invoke check` would give this one file (its text and its id), with the rules
   that need no other file; OUT006 only when the file has no other error, as the checker. */
export function checkFile(content, eventId, R) {
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
  checkFileName(eventId, R, problems);
  checkNoUnknownFields(front, R.top_fields, "", field("front matter"), problems);
  var items = pairs(front);
  var lines = {};
  R.top_fields.forEach(function (name) { lines[name] = keyLine(front, name, problems); });
  var type = "type" in items ? checkChoice(items.type, field("type"), R.event_types, problems) : null;
  checkRequiredFields(front, type, problems);
  if ("title" in items) {
    var before = problems.list.length;
    checkBilingual(items.title, field("title"), lines.title, problems);
    if (problems.list.length === before) checkTitleLine(items.title, lines.title, problems);
  }
  checkSystems(items.systems, problems);
  var times = {};
  R.top_times.forEach(function (name) { times[name] = checkTimestamp(items[name], field(name), problems); });
  if ("fallback_possible" in items) checkBoolean(items.fallback_possible, field("fallback_possible"), problems);
  if ("follows" in items) single(items.follows, field("follows"), problems);
  R.optional_texts.forEach(function (name) {
    if (name in items) checkBilingual(items[name], field(name), lines[name], problems);
  });
  var updates = checkUpdates(items.updates, lines.updates, problems);
  var bodyLine = problems.firstLine + (parts.front.match(/\n/g) || []).length + 1;
  var blocks = checkBody(parts.body, bodyLine, problems);
  checkBodyTexts(blocks, bodyLine, problems);
  if (problems.list.length === 0 && type !== null) {
    if ("follows" in items && R.follows_types.indexOf(type) < 0) {
      problems.say("OUT002", field("follows"), lines.follows, "follows_not_here", { type: type });
    }
    checkChronology(type, times, lines, updates, problems);
    checkFallbackEndedAfterAllowed(updates, problems);
    checkOverrunAnnounced(type, times, updates, problems);
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
