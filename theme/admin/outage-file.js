/*
 * Reading and writing outage files (docs/outage-format.md) with the `yaml` package's document
 * model, so that a save changes only what the operator changed.
 *
 * Reading keeps the file's text beside the form data (`_source`); writing edits that text in place
 * (outage-edit.js), so that comments, key order, blank lines, line ends and everything the form
 * did not touch stay byte for byte. A new file, or one the document model cannot read, is written
 * anew here, in the format's field order.
 *
 * 
 */
import * as YAML from "./yaml/index.js";

var SPLIT = /^(\s*---[ \t]*\n)([\s\S]*?\n)?((?:---|\.\.\.)[ \t]*(?:\n|$))([\s\S]*)$/;
var BLOCK = /^:::[ \t]*(nl|en)[ \t]*\n([\s\S]*?)\n:::[ \t]*$/gm;
// eslint-disable-next-line no-control-regex -- control characters are what it finds
var UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\ufffe\uffff]/;
var STAMP = /^\d{4}-\d{2}-\d{2}[T ]\d{1,2}:\d{2}(:\d{2})?([+-]\d{2}(:?\d{2})?|Z)?$/;
var TYPED = /^(~|null|true|false|yes|no|on|off|y|n|[-+.]?\d.*|[-?:,[\]{}#&*!|>'"%@`].*)$/i;
var FORM_ONLY = /^(body_nl|body_en|folder_year|file_date|_source)$/; // form data that is not front matter
var TEXTS = ["title", "cause", "process_changes", "buffered_messages"];
var LANGS = ["nl", "en"];

function isEmpty(value) {
  if (value === undefined || value === null) return true;
  if (typeof value === "string") return value.trim() === "";
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === "object") {
    return Object.keys(value).every(function (key) { return isEmpty(value[key]); });
  }
  return false;
}

function list(value) {
  if (Array.isArray(value)) return value.map(function (v) { return String(v).trim(); });
  if (typeof value === "string") {
    return value.split(",").map(function (s) { return s.trim(); }).filter(Boolean);
  }
  return [];
}

function flag(value) {
  var text = String(value).toLowerCase();
  if (["true", "yes", "on", "y"].indexOf(text) >= 0) return "true";
  if (["false", "no", "off", "n"].indexOf(text) >= 0) return "false";
  return String(value);
}

/* The file's parts, line ends made \n: {open, front, close, body}, or null. */
function split(text) {
  var m = SPLIT.exec(text);
  return m ? { open: m[1], front: m[2] || "", close: m[3], body: m[4] } : null;
}

function normalText(content) {
  return String(content).replace(/^\ufeff/, "").replace(/\r\n?/g, "\n");
}

function parse(front) {
  var doc = YAML.parseDocument(front, { schema: "failsafe", uniqueKeys: true, merge: false, resolveKnownTags: false });
  if (doc.errors.length || !YAML.isMap(doc.contents)) return null;
  return doc;
}

function plain(node) {
  try {
    return node === null || node === undefined ? null : YAML.isNode(node)
      ? node.toJSON(null, { maxAliasCount: 0, keep: false }) : node;
  } catch (ignored) { return null; }
}

/* -- reading -------------------------------------------------------------------------------- */

function fromFile(content, D) {
  var text = normalText(content);
  var parts = split(text);
  if (!parts) return { body_nl: text, _source: String(content) };
  var doc = parse(parts.front);
  var front = {};
  if (doc) {
    try { front = doc.toJS({ maxAliasCount: 0 }) || {}; } catch (ignored) { front = {}; }
  }
  var data = { _source: String(content) };
  Object.keys(front).forEach(function (key) { data[key] = front[key]; });
  var wordOfType = {};
  Object.keys(D.type_words).forEach(function (w) { wordOfType[D.type_words[w]] = w; });
  if (typeof front.type === "string") data.type = wordOfType[front.type] || front.type;
  if (typeof front.systems === "string" || Array.isArray(front.systems)) data.systems = list(front.systems);
  if (typeof front.fallback_possible === "string") {
    data.fallback_possible = flag(front.fallback_possible);
  }
  var block;
  BLOCK.lastIndex = 0;
  while ((block = BLOCK.exec(parts.body)) !== null) {
    if (data["body_" + block[1]] === undefined) data["body_" + block[1]] = block[2];
  }
  return data;
}

/* -- what the form says, in the file's terms ------------------------------------------------ */

function wanted(name, value, D) {
  if (isEmpty(value)) return undefined;
  if (name === "type") return typeof value === "string" ? D.type_words[value] || value : value;
  if (name === "systems") return typeof value === "object" && !Array.isArray(value) ? value : list(value);
  if (name === "fallback_possible") return flag(value);
  if (TEXTS.indexOf(name) >= 0) return isText(value) ? textOf(value) : raw(value);
  if (name === "updates") {
    if (!Array.isArray(value)) return raw(value);
    return value.map(function (update) {
      if (!isText(update)) return raw(update); // not a mapping: kept as the file has it
      var out = {};
      Object.keys(update || {}).forEach(function (key) {
        var item = update[key];
        if (LANGS.indexOf(key) >= 0) out[key] = String(item === null || item === undefined ? "" : item).trim();
        else if (!isEmpty(item)) out[key] = raw(item);
      });
      return out;
    });
  }
  return typeof value === "string" ? value.trim() : value;
}

/* What the form does not make (a text as one string, a list): kept as the file has it. */
function raw(value) { return typeof value === "string" ? value.trim() : value; }

function isText(value) { return !!value && typeof value === "object" && !Array.isArray(value); }

function textOf(value) {
  var out = {};
  LANGS.forEach(function (lang) { out[lang] = value && value[lang] ? String(value[lang]).trim() : ""; });
  return out;
}

function same(name, current, want) {
  if (name === "systems" && Array.isArray(want)) return list(current).join(",") === want.join(",");
  if (name === "fallback_possible") return flag(current) === want;
  if (typeof want === "string") return typeof current === "string" && current.trim() === want;
  return JSON.stringify(normal(current)) === JSON.stringify(normal(want));
}

function normal(value) {
  if (typeof value === "string") return value.trim();
  if (Array.isArray(value)) return value.map(normal);
  if (value && typeof value === "object") {
    var out = {};
    Object.keys(value).sort().forEach(function (k) {
      if (!isEmpty(value[k]) || LANGS.indexOf(k) >= 0) out[k] = normal(value[k] === null ? "" : value[k]);
    });
    return out;
  }
  return value === null || value === undefined ? "" : value;
}

/* -- rendering new YAML --------------------------------------------------------------------- */

function quoted(text) {
  return JSON.stringify(text).replace(/[\u007f-\u009f\u2028\u2029\ufffe\uffff]/g, function (c) {
    return "\\u" + ("000" + c.charCodeAt(0).toString(16)).slice(-4);
  });
}

function plainSafe(text, inFlow) {
  if (!text || text !== text.trim() || TYPED.test(text) || /: |\s#|:$|\n/.test(text)) return false;
  if (UNSAFE.test(text) || (inFlow && /[,[\]{}]/.test(text))) return false;
  try {
    var back = YAML.parse("k: " + text, { schema: "failsafe" });
    return back && back.k === text;
  } catch (ignored) { return false; }
}

function literal(text, indent) {
  return "|-\n" + text.split("\n").map(function (line) {
    return line ? indent + "  " + line : "";
  }).join("\n") + "\n";
}

function blockSafe(text) {
  return /^\S/.test(text) && text === text.replace(/\s+$/, "") && !UNSAFE.test(text) &&
    !/[ \t]\n/.test(text);
}

/* A value that reads back as exactly `text`; a block ends with its line break. */
function scalar(text, indent) {
  text = String(text);
  if (text.indexOf("\n") >= 0 && blockSafe(text)) return literal(text, indent);
  if (STAMP.test(text) || text === "true" || text === "false") return text; // as operators write them
  return plainSafe(text, false) ? text : quoted(text);
}

function pairLines(name, value, indent) {
  if (Array.isArray(value) && name === "systems") return [indent + name + ": [" + value.join(", ") + "]"];
  if (Array.isArray(value)) {
    var lines = [indent + name + ":"];
    value.forEach(function (item) { lines.push.apply(lines, itemLines(item, indent + "  ")); });
    return lines;
  }
  if (value && typeof value === "object") {
    var out = [indent + name + ":"];
    Object.keys(value).forEach(function (key) {
      out.push.apply(out, pairLines(key, value[key], indent + "  "));
    });
    return out;
  }
  return (indent + name + ": " + scalar(value, indent)).replace(/\n$/, "").split("\n");
}

function itemLines(update, indent) {
  var lines = [];
  Object.keys(update).forEach(function (key) {
    pairLines(key, update[key], indent + "  ").forEach(function (line, index) {
      lines.push(lines.length === 0 && index === 0 ? indent + "- " + line.slice(indent.length + 2) : line);
    });
  });
  return lines;
}

/* A whole new file: the format's field order, then the body blocks. */
function render(data, D) {
  var lines = ["---"];
  D.top_fields.forEach(function (name) {
    var want = wanted(name, data[name], D);
    if (want === undefined) return;
    if (name === "updates") want = want.map(function (u) { return ordered(u, D.update_fields); });
    lines.push.apply(lines, pairLines(name, want, ""));
  });
  Object.keys(data).forEach(function (name) { // fields the form does not know: the checker names them
    if (D.top_fields.indexOf(name) >= 0 || FORM_ONLY.test(name) || isEmpty(data[name])) return;
    lines.push.apply(lines, pairLines(name, data[name], ""));
  });
  lines.push("---");
  LANGS.forEach(function (lang, index) {
    if (index) lines.push("");
    lines.push("::: " + lang, String(data["body_" + lang] || "").trim(), ":::");
  });
  return lines.join("\n") + "\n";
}

function ordered(update, order) {
  var out = {};
  order.concat(Object.keys(update)).forEach(function (key) {
    if (key in update && !(key in out)) out[key] = update[key];
  });
  return out;
}

export {
  fromFile,
  render,
  parse,
  plain,
  wanted,
  same,
  scalar,
  quoted,
  plainSafe,
  blockSafe,
  pairLines,
  itemLines,
  ordered,
  UNSAFE,
  BLOCK,
  LANGS,
  isEmpty,
  list,
  split,
  normalText,
};
