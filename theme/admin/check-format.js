/*
 * The checker's format rules for one file (OUT002-OUT006 and P01, docs/protocol-rules.md): known
 * fields, single values of the allowed kinds, real Dutch times, both languages of every text,
 * known systems, the updates, times in order and the body's language blocks. Each rule is one
 * function named after what it checks.
 */
import * as YAML from "./yaml/index.js";
import * as time from "./amsterdam-time.js";
import { field, hint, joined, say, words } from "./check-messages.js";
import { invisibleOnly, isBlank, isNull, isQuoted, keyLine, kind, nullWord, pairs, text } from "./check-nodes.js";

/* OUT004: the file name is a valid event id. */
export function checkFileName(eventId, R, problems) {
  if (eventId && !new RegExp("^(?:" + R.event_id + ")$").test(eventId)) { // in full, as fullmatch
    problems.say("OUT004", { nl: "bestandsnaam", en: "file name" }, 1, "bad_file_name", { id: eventId });
  }
}

/* OUT002: no unknown fields. */
export function checkNoUnknownFields(map, known, where, field, problems) {
  map.items.forEach(function (pair) {
    var name = String(pair.key.value);
    if (known.indexOf(name) >= 0) return;
    problems.say("OUT002", field, problems.lineOf(pair.key), "unknown_field",
      { name: name, where: where, hint: hint(problems.R, name, known), known: known.join(", ") });
  });
}

/* OUT003 / OUT004: a single, non-empty value. Returns its text or null. */
export function single(node, label, problems) {
  if (YAML.isScalar(node) && !isNull(node, problems.R) && text(node).trim()) return text(node);
  if (isNull(node, problems.R) || YAML.isScalar(node)) {
    problems.say("OUT003", label, node ? problems.lineOf(node) : null, "empty", { label: label });
  } else {
    problems.say("OUT004", label, problems.lineOf(node), "not_single", { label: label, kind: say(problems.R, kind(node), {}) });
  }
  return null;
}

/* OUT004: one of the allowed values. */
export function checkChoice(node, label, allowed, problems) {
  var value = single(node, label, problems);
  if (value === null) return null;
  if (allowed.indexOf(value) >= 0) return value;
  var wanted = value.trim().toLowerCase().replace(/_/g, "-").replace(/ /g, "-");
  var near = allowed.indexOf(wanted) >= 0 ? say(problems.R, "did_you_mean", { name: wanted }) : hint(problems.R, value, allowed);
  problems.say("OUT004", label, problems.lineOf(node), "not_known", { label: label, value: value, hint: near, allowed: allowed.join(", ") });
  return null;
}

/* OUT004 / OUT005: a real Dutch time, or a time with an offset; returns the instant (ms). */
export function checkTimestamp(node, label, problems) {
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
export function checkBoolean(node, label, problems) {
  var value = single(node, label, problems);
  if (value === null) return;
  var R = problems.R;
  var word = isQuoted(node) ? null : value;
  if (R.booleans["true"].indexOf(word) < 0 && R.booleans["false"].indexOf(word) < 0) {
    problems.say("OUT004", label, problems.lineOf(node), "not_boolean", { label: label, value: value });
  }
}

/* P01 (afspraak 6): a text has a non-empty Dutch and English version. */
export function checkBilingual(node, label, line, problems) {
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
export function checkLanguages(map, label, line, problems) {
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
export function checkTitleLine(node, line, problems) {
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
export function checkSystems(node, problems) {
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
export function checkRequiredFields(front, type, problems) {
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
export function checkUpdates(node, keyAt, problems) {
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
export function checkChronology(type, times, lines, updates, problems) {
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
export function checkFallbackEndedAfterAllowed(updates, problems) {
  var R = problems.R;
  var allowed = false;
  updates.forEach(function (update) {
    if (update.fallback === R.fallback_ended && !allowed) {
      problems.say("OUT006", joined(update.label, words(" fallback")), update.line, "ended_never_allowed", { label: update.label });
    }
    allowed = allowed || update.fallback === R.fallback_allowed;
  });
}

/* OUT004 / P01: the body is a '::: nl' and a '::: en' block, each once, nothing outside them. */
export function checkBody(body, firstLine, problems) {
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
export function checkBodyTexts(blocks, bodyLine, problems) {
  ["nl", "en"].forEach(function (lang) {
    if (blocks[lang] && !isBlank(blocks[lang].text, problems.R)) return;
    problems.say("P01", { nl: "toelichting (" + lang + ")", en: "body (" + lang + ")" },
      blocks[lang] ? blocks[lang].line : bodyLine, "body_lacks", { language: say(problems.R, "lang_" + lang, {}), lang: lang,
        invisible: blocks[lang] ? invisibleOnly(blocks[lang].text, problems.R) : words("") });
  });
}
