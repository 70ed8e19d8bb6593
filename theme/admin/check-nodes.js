/*
 * The front matter as the checker's reader sees it (OUT001): the characters no page may hold, one
 * YAML mapping without anchors, aliases or merge keys, within the reader's limits; and the YAML
 * nodes' values, nulls and blanks as the reader reads them.
 */
import * as YAML from "./yaml/index.js";
import { field, say, words } from "./check-messages.js";

/* -- YAML nodes, as the reader sees them --------------------------------------------------- */

export function isQuoted(node) {
  var T = YAML.Scalar;
  return [T.QUOTE_SINGLE, T.QUOTE_DOUBLE, T.BLOCK_FOLDED, T.BLOCK_LITERAL].indexOf(node.type) >= 0;
}

export function isNull(node, R) {
  if (node === null || node === undefined) return true;
  return YAML.isScalar(node) && !isQuoted(node) && !node.tag &&
    R.null_words.indexOf(String(node.source === undefined ? node.value : node.source)) >= 0;
}

export function kind(node) { return YAML.isSeq(node) ? "kind_list" : YAML.isMap(node) ? "kind_mapping" : "kind_value"; }

export function text(node) { return String(node.value); }

/* P01: nothing is left once the reader removes whitespace and bidirectional controls. */
export function isBlank(value, R) {
  return !value.replace(new RegExp("[" + R.bidi_controls + "]", "g"), "").trim();
}

/* What a P01 message adds when a text is not empty but only invisible characters. */
export function invisibleOnly(value, R) {
  return value.trim() ? say(R, "invisible_only", {}) : words("");
}

/* What a P01 message adds when a text is YAML's empty value written as a word ('~', 'null'). */
export function nullWord(node, R) {
  var word = String(node.source === undefined || node.source === null ? "" : node.source);
  return word ? say(R, "null_word", { word: word }) : words("");
}

export function pairs(map) {
  var out = {};
  map.items.forEach(function (pair) { out[String(pair.key.value)] = pair.value; });
  return out;
}

export function keyLine(map, name, problems) {
  var pair = map.items.find(function (p) { return String(p.key.value) === name; });
  return pair ? problems.lineOf(pair.key) : null;
}
/* OUT001: no character that no page or feed may hold (controls, non-characters, lone
   surrogates), typed or pasted into the file; returns the text with U+FFFD in their place. */
export function checkCharacters(source, R, problems) {
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
export function escapedCharacter(node, R) {
  if (!YAML.isScalar(node) || node.type !== YAML.Scalar.QUOTE_DOUBLE) return false;
  return new RegExp(R.forbidden_characters, "u").test(String(node.value));
}

/* OUT001: the front matter is one YAML mapping, without anchors, aliases, merge keys, field
   names that are not text, or nesting and sizes beyond the reader's limits. */
export function checkFrontMatterParses(front, R, problems) {
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
