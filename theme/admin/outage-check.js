/*
 * The checker's one-file rules (OUT001-OUT006 and P01, docs/protocol-rules.md) in the browser, so
 * that the editor refuses to save what `invoke check` would refuse.
 *
 * Every field name, allowed value, limit and pattern comes from the generated rules (editor.json
 * "rules", written by plugins/douane_status/editor/checker_rules.py from the reader, the model and
 * the timestamp parser); tests/test_admin_check.py runs the invalid corpus through this and the
 * Python checker and compares what they refuse. Each rule is one function named after what it
 * checks; each problem names its field, in Dutch and English.
 *
 * Needs window.YAML, outage-file.js (the file's parts) and amsterdam-time.js.
 */
import * as YAML from "./yaml/index.js";
import * as file from "./outage-file.js";
import * as time from "./amsterdam-time.js";


/* One finding: code, severity ("error" refuses the save), the field in both languages, the
   file's line (or null) and the message in both languages. */
export function problem(code, severity, where, line, nl, en) {
  return { code: code, severity: severity, field: where, line: line, nl: nl, en: en };
}

function Problems() { this.list = []; }

Problems.prototype.add = function (code, field, nl, en) {
  this.list.push(problem(code, "error", field, null, nl, en));
};

function field(name) { return { nl: name, en: name }; }

function updateField(number, name) {
  return { nl: "bericht " + number + (name ? ", " + name : ""), en: "update " + number + (name ? ", " + name : "") };
}

function sub(where, name) { return { nl: where.nl + ", " + name, en: where.en + ", " + name }; }

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

function kind(node) {
  if (YAML.isSeq(node)) return { nl: "lijst", en: "list" };
  if (YAML.isMap(node)) return { nl: "verzameling velden", en: "mapping" };
  return { nl: "waarde", en: "value" };
}

function text(node) { return String(node.value); }

/* P01: nothing is left once the reader removes whitespace and bidirectional controls. */
function isBlank(value, R) {
  return !value.replace(new RegExp("[" + R.bidi_controls + "]", "g"), "").trim();
}

function pairs(map) {
  var out = {};
  map.items.forEach(function (pair) { out[String(pair.key.value)] = pair.value; });
  return out;
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
      problems.add("OUT001", { nl: "regel " + (i + 1), en: "line " + (i + 1) },
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
    problems.add("OUT001", field("front matter"),
      "De kop (front matter) is geen geldige YAML" + (line ? " (regel " + line + " van de kop)" : "") + ": " + message,
      "The front matter is not valid YAML" + (line ? " (line " + line + " of the front matter)" : "") + ": " + message);
    return null;
  }
  var trouble = null;
  var nodes = 0;
  function walk(node, depth) {
    if (trouble || node === null || node === undefined) return;
    nodes += 1;
    if (escapedCharacter(node, R)) trouble = ["een waarde tussen dubbele aanhalingstekens schrijft met een escape (\\v, \\x01) een onzichtbaar teken: haal de escape weg", "a value in double quotes writes an invisible character with an escape (\\v, \\x01): remove the escape"];
    else if (YAML.isAlias(node) || node.anchor) trouble = ["ankers en aliassen (& en *) zijn niet toegestaan", "anchors and aliases (& and *) are not allowed"];
    else if (depth > R.max_depth) trouble = ["te diep genest", "nested too deeply"];
    else if (nodes > R.max_nodes) trouble = ["te veel waarden", "too many values"];
    else if (YAML.isMap(node)) {
      node.items.forEach(function (pair) {
        if (trouble) return;
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
    problems.add("OUT001", field("front matter"), "De kop (front matter): " + trouble[0], "The front matter: " + trouble[1]);
    return null;
  }
  if (!YAML.isMap(doc.contents)) {
    problems.add("OUT001", field("front matter"), "De kop moet uit velden bestaan ('naam: waarde')",
      "The front matter must be fields ('name: value')");
    return null;
  }
  return doc.contents;
}

/* OUT004: the file name is a valid event id. */
function checkFileName(eventId, R, problems) {
  if (eventId && !new RegExp("^(?:" + R.event_id + ")$").test(eventId)) {  /* in full, as fullmatch */
    problems.add("OUT004", { nl: "bestandsnaam", en: "file name" },
      "De bestandsnaam '" + eventId + "' kan geen id zijn: gebruik kleine letters, cijfers en streepjes",
      "The file name '" + eventId + "' cannot be an event id: use lowercase letters, digits and hyphens");
  }
}

/* OUT002: no unknown fields. */
function checkNoUnknownFields(map, known, where, problems) {
  Object.keys(pairs(map)).forEach(function (name) {
    if (known.indexOf(name) >= 0) return;
    problems.add("OUT002", where ? sub(where, name) : field(name),
      "Onbekend veld '" + name + "'; bekende velden: " + known.join(", "),
      "Unknown field '" + name + "'; known fields: " + known.join(", "));
  });
}

/* OUT003 / OUT004: a single, non-empty value. Returns its text or null. */
function single(node, where, R, problems) {
  if (YAML.isScalar(node) && !isNull(node, R) && text(node).trim()) return text(node);
  if (isNull(node, R) || YAML.isScalar(node)) {
    problems.add("OUT003", where, where.nl + " is leeg: vul een waarde in", where.en + " is empty: give it a value");
  } else {
    var k = kind(node);
    problems.add("OUT004", where, where.nl + " moet één waarde zijn, geen " + k.nl, where.en + " must be a single value, not a " + k.en);
  }
  return null;
}

/* OUT004: one of the allowed values. */
function checkChoice(node, where, allowed, R, problems) {
  var value = single(node, where, R, problems);
  if (value === null) return null;
  if (allowed.indexOf(value) >= 0) return value;
  problems.add("OUT004", where, where.nl + " '" + value + "' is niet toegestaan; kies uit: " + allowed.join(", "),
    where.en + " '" + value + "' is not allowed; use one of: " + allowed.join(", "));
  return null;
}

/* OUT004 / OUT005: a real Dutch time, or a time with an offset; returns the instant (ms). */
function checkTimestamp(node, where, R, problems) {
  if (node === undefined) return null;
  var value = single(node, where, R, problems);
  if (value === null) return null;
  var T = time;
  var parsed = new RegExp(R.timestamp).test(value.trim()) ? T.parse(value) : null;
  if (!parsed) {
    problems.add("OUT004", where, where.nl + ": '" + value + "' is geen tijdstip; schrijf 'JJJJ-MM-DD UU:MM' (Nederlandse tijd)",
      where.en + ": '" + value + "' is not a time; write 'YYYY-MM-DD HH:MM' (Dutch time)");
    return null;
  }
  if (!T.isRealWall(parsed.wall)) {
    problems.add("OUT004", where, where.nl + ": '" + value + "' bestaat niet (controleer dag, maand, uur en minuut)",
      where.en + ": '" + value + "' is not a real date and time (check day, month, hour and minute)");
    return null;
  }
  if (parsed.wall.y < R.years[0] || parsed.wall.y > R.years[1]) {
    problems.add("OUT004", where, where.nl + ": het jaar " + parsed.wall.y + " klopt niet", where.en + ": the year " + parsed.wall.y + " is wrong");
    return null;
  }
  if (parsed.offset !== null && isNaN(parsed.offset)) {
    problems.add("OUT004", where, where.nl + ": '" + value + "' heeft een ongeldige UTC-afwijking", where.en + ": '" + value + "' has an invalid UTC offset");
    return null;
  }
  if (parsed.offset === null) {
    var offsets = T.offsetsOf(parsed.wall, R.time_zone);
    var wall = T.wallText(parsed.wall);
    if (offsets.length === 0) {
      problems.add("OUT005", where, where.nl + ": " + wall + " bestaat niet in Nederlandse tijd (de klok springt vooruit); schrijf het met afwijking, bijv. '" + wall + "+01:00'",
        where.en + ": " + wall + " does not exist in Dutch time (clocks skip that hour); write it with an offset, e.g. '" + wall + "+01:00'");
      return null;
    }
    if (offsets.length > 1) {
      problems.add("OUT005", where, where.nl + ": " + wall + " komt twee keer voor (einde zomertijd); schrijf '" + wall + T.offsetText(offsets[0]) + "' (eerste keer) of '" + wall + T.offsetText(offsets[1]) + "' (tweede keer)",
        where.en + ": " + wall + " happens twice (summer time ends); write '" + wall + T.offsetText(offsets[0]) + "' (first time) or '" + wall + T.offsetText(offsets[1]) + "' (second time)");
      return null;
    }
  }
  return T.instant(value, R.time_zone);
}

/* OUT004: true or false, as plain words. */
function checkBoolean(node, where, R, problems) {
  var value = single(node, where, R, problems);
  if (value === null) return;
  var word = isQuoted(node) ? null : value;
  if (R.booleans["true"].indexOf(word) < 0 && R.booleans["false"].indexOf(word) < 0) {
    problems.add("OUT004", where, where.nl + " moet true of false zijn, niet '" + value + "'", where.en + " must be true or false, not '" + value + "'");
  }
}

/* P01 (afspraak 6): a text has a non-empty Dutch and English version. */
function checkBilingual(node, where, R, problems) {
  if (YAML.isScalar(node) && !isNull(node, R)) {
    problems.add("P01", where, where.nl + " heeft maar één tekst: elk bericht is Nederlands en Engels ('nl:' en 'en:')",
      where.en + " has one text only: every message is in Dutch and English ('nl:' and 'en:')");
    return;
  }
  if (!YAML.isMap(node)) {
    if (isNull(node, R)) problems.add("P01", where, where.nl + " is leeg: vul 'nl:' en 'en:' in", where.en + " is empty: add 'nl:' and 'en:' texts");
    else problems.add("OUT004", where, where.nl + " moet 'nl:' en 'en:' hebben, geen lijst", where.en + " must have 'nl:' and 'en:' texts, not a list");
    return;
  }
  checkNoUnknownFields(node, R.text_fields, where, problems);
  checkLanguages(node, where, R, problems);
}

/* OUT004: a title is one line of at most R.max_title characters in each language (headings,
   feeds and calendars show it whole). */
function checkTitleLine(node, R, problems) {
  if (!YAML.isMap(node)) return;
  var items = pairs(node);
  ["nl", "en"].forEach(function (lang) {
    var value = items[lang];
    if (value === undefined || !YAML.isScalar(value) || isNull(value, R)) return;
    var title = text(value).trim();
    var where = sub(field("title"), lang);
    if (title.indexOf("\n") >= 0) {
      problems.add("OUT004", where, "de titel is meer dan één regel: maak er één regel van", "the title has more than one line: make it one line");
    } else if (Array.from(title).length > R.max_title) {
      problems.add("OUT004", where, "de titel heeft " + Array.from(title).length + " tekens: maak hem korter, hooguit " + R.max_title + " (details horen in de toelichting)",
        "the title has " + Array.from(title).length + " characters: shorten it to at most " + R.max_title + " (the details go in the body)");
    }
  });
}

function checkLanguages(map, where, R, problems) {
  var items = pairs(map);
  [["nl", "Nederlandse", "Dutch"], ["en", "Engelse", "English"]].forEach(function (l) {
    var value = items[l[0]];
    if (value === undefined || isNull(value, R) || (YAML.isScalar(value) && isBlank(text(value), R))) {
      problems.add("P01", sub(where, l[0]), where.nl + " heeft geen " + l[1] + " tekst", where.en + " has no " + l[2] + " text");
    } else if (!YAML.isScalar(value)) {
      problems.add("OUT004", sub(where, l[0]), where.nl + ": '" + l[0] + "' moet tekst zijn", where.en + ": '" + l[0] + "' must be text");
    }
  });
}

/* OUT003 / OUT004: known systems, each once. */
function checkSystems(node, R, problems) {
  if (node === undefined) return;
  var where = field("systems");
  var entries = YAML.isSeq(node) ? node.items : [node];
  if (YAML.isSeq(node) && !entries.length) {
    problems.add("OUT003", where, "systems is leeg: kies minstens één systeem", "systems is empty: name at least one system");
  }
  var seen = [];
  entries.forEach(function (entry) {
    var value = single(entry, where, R, problems);
    if (value === null) return;
    value.split(",").map(function (s) { return s.trim(); }).forEach(function (id) {
      if (R.system_ids.indexOf(id) < 0) {
        problems.add("OUT004", where, "onbekend systeem '" + id + "'", "unknown system '" + id + "'");
      } else if (seen.indexOf(id) >= 0) {
        problems.add("OUT004", where, "systeem '" + id + "' staat er twee keer", "system '" + id + "' is listed twice");
      } else seen.push(id);
    });
  });
}

/* OUT003: the fields every event needs, and those planned work needs. */
function checkRequiredFields(items, type, R, problems) {
  var planned = R.planned_types.indexOf(type) >= 0;
  R.required.concat(planned ? R.required_for_planned : []).forEach(function (name) {
    if (!(name in items)) {
      problems.add("OUT003", field(name), "Veld '" + name + "' ontbreekt" + (planned && R.required_for_planned.indexOf(name) >= 0 ? " (nodig bij gepland werk)" : ""),
        "Field '" + name + "' is missing" + (planned && R.required_for_planned.indexOf(name) >= 0 ? " (needed for planned work)" : ""));
    }
  });
}

/* The updates: each a mapping with known fields, time, a status of the event's type, texts. */
function checkUpdates(node, type, R, problems) {
  if (node === undefined) return [];
  if (!YAML.isSeq(node)) {
    problems.add("OUT004", field("updates"), "updates moet een lijst zijn ('- at: …')", "updates must be a list ('- at: …')");
    return [];
  }
  if (!node.items.length) problems.add("OUT003", field("updates"), "updates is leeg: voeg een bericht toe", "updates is empty: add an update");
  var allowed = R.statuses_by_type[type] || R.statuses;
  var result = [];
  node.items.forEach(function (item, index) {
    var where = updateField(index + 1);
    if (!YAML.isMap(item)) {
      problems.add("OUT004", where, where.nl + " moet velden hebben ('at:', 'status:', 'nl:', 'en:')", where.en + " must be fields ('at:', 'status:', 'nl:', 'en:')");
      return;
    }
    checkNoUnknownFields(item, R.update_fields, where, problems);
    var items = pairs(item);
    R.required_in_update.forEach(function (name) {
      if (!(name in items)) problems.add("OUT003", sub(where, name), where.nl + " heeft geen '" + name + "'", where.en + " has no '" + name + "'");
    });
    var times = {};
    R.update_times.forEach(function (name) { times[name] = checkTimestamp(items[name], sub(where, name), R, problems); });
    var status = "status" in items ? checkChoice(items.status, sub(where, "status"), R.statuses, R, problems) : null;
    if (status !== null && allowed.indexOf(status) < 0) {
      /* OUT006: a known status of the other kind is a wrong step in the event's course */
      problems.add("OUT006", sub(where, "status"), where.nl + ": '" + status + "' hoort niet bij dit soort melding; kies uit: " + allowed.join(", "),
        where.en + ": '" + status + "' is not used by this type; use one of: " + allowed.join(", "));
    }
    var fallback = "fallback" in items ? checkChoice(items.fallback, sub(where, "fallback"), R.fallbacks, R, problems) : null;
    if (status === R.overrun && !("expected_end" in items)) {
      problems.add("OUT003", sub(where, "expected_end"), where.nl + " is een uitloop zonder nieuw verwacht einde (expected_end)",
        where.en + " is an overrun without a new expected end (expected_end)");
    }
    checkLanguages(item, where, R, problems);
    result.push({ number: index + 1, at: times.at, status: status, nextUpdate: times.next_update, fallback: fallback });
  });
  return result;
}

/* OUT006: end after start; a disruption's start not after its first update; updates oldest
   first; nothing after a final update; each promised next update after the update that
   promises it. */
function checkChronology(type, start, end, updates, R, problems) {
  if (start !== null && end !== null && end <= start) {
    problems.add("OUT006", field("end"), "Het einde ligt niet na het begin", "The end is not after the start");
  }
  if (type === R.disruption && start !== null && updates.length && updates[0].at !== null && updates[0].at < start) {
    problems.add("OUT006", field("start"), "het begin ligt na bericht 1: een verstoring begint voordat ze wordt gemeld; controleer datum en tijd",
      "the start is after update 1: a disruption begins before it is first reported; check the date and time");
  }
  updates.forEach(function (update) {
    if (update.at !== null && update.nextUpdate !== null && update.nextUpdate <= update.at) {
      problems.add("OUT006", updateField(update.number, "next_update"),
        "het volgende bericht (next_update) ligt niet na dit bericht: controleer datum en tijd",
        "the next update (next_update) is not after this update: check the date and the time");
    }
  });
  for (var i = 1; i < updates.length; i++) {
    var previous = updates[i - 1];
    var update = updates[i];
    if (update.at !== null && previous.at !== null && update.at < previous.at) {
      problems.add("OUT006", updateField(update.number, "at"), "bericht " + update.number + " is eerder dan bericht " + previous.number + ": oudste eerst",
        "update " + update.number + " is earlier than update " + previous.number + ": oldest first");
    }
    if (previous.status && R.final_statuses.indexOf(previous.status) >= 0) {
      problems.add("OUT006", updateField(update.number, "status"), "na het laatste bericht (" + previous.status + ") komt geen bericht meer",
        "no update can follow the final one (" + previous.status + ")");
    }
  }
}

/* OUT006: 'fallback: ended' only on an update after one with 'fallback: allowed' (a procedure
   that was never allowed cannot end). */
function checkFallbackEndedAfterAllowed(updates, R, problems) {
  var allowed = false;
  updates.forEach(function (update) {
    if (update.fallback === R.fallback_ended && !allowed) {
      problems.add("OUT006", updateField(update.number, "fallback"),
        "de noodprocedure is nooit toegestaan (geen eerder bericht met 'fallback: " + R.fallback_allowed + "'), dus kan ze niet eindigen: haal 'fallback: " + R.fallback_ended + "' weg",
        "the fallback procedure was never allowed (no earlier update with 'fallback: " + R.fallback_allowed + "'), so it cannot end: remove 'fallback: " + R.fallback_ended + "'");
    }
    allowed = allowed || update.fallback === R.fallback_allowed;
  });
}

/* OUT004 / P01: the body is a '::: nl' and a '::: en' block, each once, nothing outside them. */
function checkBody(body, R, problems) {
  var lines = body.split("\n");
  var blocks = {};
  for (var i = 0; i < lines.length; i++) {
    var open = /^:::\s*([A-Za-z-]+)\s*$/.exec(lines[i]);
    if (open) {
      var lang = open[1].toLowerCase();
      var close = i + 1;
      while (close < lines.length && !/^:::\s*$/.test(lines[close])) close++;
      if (close >= lines.length) problems.add("OUT004", field("::: " + lang), "het blok '::: " + lang + "' is niet gesloten", "the '::: " + lang + "' block is not closed");
      if (lang !== "nl" && lang !== "en") problems.add("OUT004", field("::: " + lang), "onbekende taal '::: " + lang + "'", "unknown language block '::: " + lang + "'");
      else if (lang in blocks) problems.add("OUT004", field("::: " + lang), "een tweede blok '::: " + lang + "'", "a second '::: " + lang + "' block");
      else blocks[lang] = lines.slice(i + 1, close).join("\n");
      i = close;
    } else if (lines[i].trim()) {
      problems.add("OUT004", { nl: "toelichting", en: "explanation" }, "tekst buiten een taalblok", "text outside a language block");
      while (i + 1 < lines.length && lines[i + 1].trim() && !/^:::\s*([A-Za-z-]+)\s*$/.test(lines[i + 1])) i++;
    }
  }
  [["nl", "Nederlandse", "Dutch"], ["en", "Engelse", "English"]].forEach(function (l) {
    if (!blocks[l[0]] || isBlank(blocks[l[0]], R)) {
      problems.add("P01", { nl: "toelichting (" + l[0] + ")", en: "explanation (" + l[0] + ")" }, "de toelichting heeft geen " + l[1] + " tekst", "the explanation has no " + l[2] + " text");
    }
  });
}

/* Every problem `invoke check` would refuse in this one file (its text and its id). */
function checkFile(content, eventId, R) {
  var problems = new Problems();
  var source = checkCharacters(file.normalText(content), R, problems);
  var parts = file.split(source);
  if (!parts) {
    problems.add("OUT001", field("front matter"), "Het bestand begint niet met een kop tussen '---' en '---'",
      "The file does not start with front matter between '---' and '---'");
    return problems.list;
  }
  var front = checkFrontMatterParses(parts.front, R, problems);
  if (!front) return problems.list;
  checkFileName(eventId, R, problems);
  checkNoUnknownFields(front, R.top_fields, null, problems);
  var items = pairs(front);
  var type = "type" in items ? checkChoice(items.type, field("type"), R.event_types, R, problems) : null;
  checkRequiredFields(items, type, R, problems);
  ["title"].concat(R.optional_texts).forEach(function (name) {
    if (name in items) checkBilingual(items[name], field(name), R, problems);
  });
  if ("title" in items) checkTitleLine(items.title, R, problems);
  checkSystems(items.systems, R, problems);
  var times = {};
  R.top_times.forEach(function (name) { times[name] = checkTimestamp(items[name], field(name), R, problems); });
  if ("fallback_possible" in items) checkBoolean(items.fallback_possible, field("fallback_possible"), R, problems);
  if ("follows" in items) {
    single(items.follows, field("follows"), R, problems);
    if (type !== null && R.follows_types.indexOf(type) < 0) {
      problems.add("OUT002", field("follows"), "alleen ongepland onderhoud (definitief herstel) volgt op een verstoring: verwijder 'follows' of kies een ander soort",
        "only unplanned maintenance (permanent fix) follows a disruption: remove 'follows' or change the type");
    }
  }
  var updates = checkUpdates(items.updates, type, R, problems);
  checkBody(parts.body, R, problems);
  checkChronology(type, times.start || null, times.end || null, updates, R, problems);
  checkFallbackEndedAfterAllowed(updates, R, problems);
  return problems.list;
}

/* The problems as one message in both languages, for the editor's notice. */
function describe(problems) {
  var nl = problems.map(function (p) { return "• " + p.field.nl + ": " + p.nl + " (" + p.code + ")"; });
  var en = problems.map(function (p) { return "• " + p.field.en + ": " + p.en + " (" + p.code + ")"; });
  return "Niet opgeslagen / Not saved\n" + nl.join("\n") + "\n\n" + en.join("\n");
}

export { checkFile, describe };
