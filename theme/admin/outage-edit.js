/*
 * Saving an opened outage file: the form's data written into the file's own text, in place.
 *
 * The form is compared with the document the `yaml` package reads from the file: a changed value
 * is replaced where it stands, in its own style (plain, quoted, a `|` or `>` block keeping the
 * line breaks of the words that did not change); a new field or update is inserted where the
 * format's field order puts it; an emptied field is removed. Every other byte stays as it was.
 *
 * Needs window.YAML and outage-file.js.
 */
import * as YAML from "./yaml/index.js";
import * as F from "./outage-file.js";


var LANGS = F.LANGS;
var BLOCK = F.BLOCK;
var isEmpty = F.isEmpty;
var pairLines = F.pairLines;
var itemLines = F.itemLines;
var ordered = F.ordered;

function lineStart(text, offset) { return text.lastIndexOf("\n", offset - 1) + 1; }

function lineEnd(text, offset) {
  if (offset > 0 && text[offset - 1] === "\n") return offset;
  var end = text.indexOf("\n", offset);
  return end < 0 ? text.length : end + 1;
}

/* Where a new key goes before `pair`: above the comment lines that belong to it. */
function above(text, pair) {
  var start = lineStart(text, pair.key.range[0]);
  while (start > 0) {
    var previous = lineStart(text, start - 1);
    if (!/^\s*#/.test(text.slice(previous, start))) break;
    start = previous;
  }
  return start;
}

function pairEnd(text, pair) {
  var end = pair.value && pair.value.range ? pair.value.range[1] : pair.key.range[1];
  return lineEnd(text, end);
}

function find(map, name) {
  for (var i = 0; i < map.items.length; i++) {
    var key = map.items[i].key;
    if (key && String(key.value) === name) return map.items[i];
  }
  return null;
}

function isBlock(node) { return node && !node.flow; }

function Editor(text, D) {
  this.text = text;
  this.D = D;
  this.edits = [];
}

Editor.prototype.splice = function (start, end, replacement) {
  this.edits.push({ start: start, end: end, text: replacement });
};

Editor.prototype.result = function () {
  var text = this.text;
  this.edits.sort(function (a, b) { return b.start - a.start || b.end - a.end; });
  this.edits.forEach(function (e) { text = text.slice(0, e.start) + e.text + text.slice(e.end); });
  return text;
};

Editor.prototype.indentOf = function (map) {
  var first = map.items[0].key.range[0];
  return this.text.slice(lineStart(this.text, first), first).replace(/-/g, " ").replace(/\S.*$/, "");
};

/* Make `map` say `want` for the keys in `order`; other keys are left alone. */
Editor.prototype.map = function (map, want, order, kind) {
  var self = this;
  var indent = this.indentOf(map);
  order.forEach(function (name, index) {
    var value = kind(name, want[name]);
    var pair = find(map, name);
    if (!pair) {
      if (value === undefined) return;
      var next = null;
      for (var j = index + 1; j < order.length && !next; j++) next = find(map, order[j]);
      var at = next ? above(self.text, next) : lineEnd(self.text, map.range[1]);
      var lines = pairLines(name, value, indent).join("\n") + "\n";
      if (at > 0 && self.text[at - 1] !== "\n") lines = "\n" + lines;
      self.splice(at, at, lines);
      return;
    }
    var current = F.plain(pair.value);
    if (value === undefined) {
      if (!isEmpty(current)) self.splice(lineStart(self.text, pair.key.range[0]), pairEnd(self.text, pair), "");
      return;
    }
    if (F.same(name, current, value)) return;
    if (typeof value === "string" && YAML.isScalar(pair.value)) {
      self.scalar(pair.value, value, indent, !!map.flow);
    } else if (LANGS.indexOf(Object.keys(value)[0]) >= 0 && YAML.isMap(pair.value) && isBlock(pair.value)) {
      self.map(pair.value, value, LANGS, function (_n, v) { return v === "" ? undefined : v; });
    } else if (name === "updates" && YAML.isSeq(pair.value) && isBlock(pair.value) && pair.value.items.length) {
      self.updates(pair.value, value);
    } else {
      self.splice(lineStart(self.text, pair.key.range[0]), pairEnd(self.text, pair),
        pairLines(name, value, indent).join("\n") + "\n");
    }
  });
};

Editor.prototype.updates = function (seq, want) {
  var self = this;
  var D = this.D;
  var count = Math.min(seq.items.length, want.length);
  for (var i = 0; i < count; i++) {
    var item = seq.items[i];
    if (!YAML.isMap(item) || !isBlock(item) || !item.items.length) {
      var start = lineStart(self.text, item.range[0]);
      self.splice(start, lineEnd(self.text, item.range[1]),
        itemLines(ordered(want[i], D.update_fields), self.text.slice(start, item.range[0]).replace(/-.*$/, "")).join("\n") + "\n");
      continue;
    }
    var order = D.update_fields.concat(Object.keys(want[i]).filter(function (k) {
      return D.update_fields.indexOf(k) < 0;
    }));
    self.map(item, want[i], order, function (name, value) {
      return value === undefined || (value === "" && LANGS.indexOf(name) < 0) ? undefined : value;
    });
  }
  var first = seq.items[0].range[0];
  var dash = self.text.slice(lineStart(self.text, first), first).replace(/-\s*$/, "").replace(/\S/g, " ");
  for (var k = count; k < seq.items.length; k++) {
    var gone = seq.items[k];
    self.splice(lineStart(self.text, gone.range[0]), lineEnd(self.text, gone.range[1]), "");
  }
  if (want.length > count) {
    var end = lineEnd(self.text, seq.range[1]);
    var lines = [];
    want.slice(count).forEach(function (update) {
      lines.push.apply(lines, itemLines(ordered(update, D.update_fields), dash));
    });
    self.splice(end, end, (end > 0 && self.text[end - 1] !== "\n" ? "\n" : "") + lines.join("\n") + "\n");
  }
};

/* Replace a scalar's value where it stands. Each way of writing it is read back before it is
   used, so that what is saved reads as exactly `value`: first in the scalar's own style, keeping
   the lines of a block that did not change; else the whole scalar as the `yaml` package writes
   that style; else double-quoted, which carries any text. */
Editor.prototype.scalar = function (node, value, indent, inFlow) {
  var start = node.range[0];
  var end = node.range[1];
  var was = this.text.slice(start, end);
  var wasBlock = /\n$/.test(was);
  var candidates = inFlow ? [inOwnStyle(node, was, value)] : [
    inOwnStyle(node, was, value),
    written(node.type, value, indent, widthOf(was)),
    node.type === YAML.Scalar.BLOCK_FOLDED && value.indexOf("\n") >= 0
      ? written(YAML.Scalar.BLOCK_LITERAL, value, indent, 0) : null,
  ];
  var out = F.quoted(value);
  for (var i = 0; i < candidates.length; i++) {
    if (candidates[i] !== null && readsAs(candidates[i], value, indent, inFlow)) {
      out = candidates[i];
      break;
    }
  }
  if (/\n$/.test(out) && !wasBlock) out = out.replace(/\n$/, "");
  else if (wasBlock && !/\n$/.test(out)) out += "\n";
  this.splice(start, end, out);
};

/* Whether `out`, written after a key at `indent` (or inside a flow mapping), reads as `value`. A
   block that keeps or clips its end may add the one line break of its style (the reader trims). */
function readsAs(out, value, indent, inFlow) {
  var text = inFlow ? "{k: " + out + "}\n" : indent + "k: " + out + (/\n$/.test(out) ? "" : "\n");
  var doc = YAML.parseDocument(text, { uniqueKeys: true, merge: false });
  if (doc.errors.length || !YAML.isMap(doc.contents) || doc.contents.items.length !== 1) return false;
  var read = doc.contents.items[0].value;
  if (!YAML.isScalar(read) || typeof read.value !== "string") return false;
  var clipped = /^[|>]/.test(out) && !/^[|>][0-9]?-/.test(out);
  return read.value === value || (clipped && read.value === value + "\n");
}

/* The widest line of a block (at least 80), so that a refolded block keeps its measure. */
function widthOf(was) {
  return Math.max(80, Math.max.apply(null, was.split("\n").map(function (l) { return l.length; })));
}

/* `value` in the scalar's own style: a quoted scalar quoted the same way, a block with its header
   and indentation, a folded block keeping the lines whose words did not change. */
function inOwnStyle(node, was, value) {
  var T = YAML.Scalar;
  if (F.UNSAFE.test(value)) return null;
  if (node.type === T.QUOTE_SINGLE) return "'" + value.replace(/'/g, "''") + "'";
  if (node.type === T.QUOTE_DOUBLE) return F.quoted(value);
  if (node.type === T.PLAIN) return value;
  var header = /^[|>][-+0-9]*/.exec(was)[0];
  var old = was.split("\n").slice(1);
  while (old.length && !old[old.length - 1].trim()) old.pop();
  var pad = /^ */.exec(old.filter(function (l) { return l.trim(); })[0] || "")[0];
  if (!pad || !value) return null;
  var body = value.split("\n");
  if (node.type === T.BLOCK_FOLDED) {
    if (value.indexOf("\n") >= 0) return null;
    body = refold(old.map(function (l) { return l.slice(pad.length); }), value, widthOf(was) - pad.length);
  }
  return header + "\n" + body.map(function (l) { return l ? pad + l : ""; }).join("\n") + "\n";
}

/* The lines of a folded block that reads as `value` (one paragraph): the old lines at its start
   and end that `value` still has word for word stay as they were, the text between them is
   folded anew (on one line when it replaces one line). */
function refold(lines, value, width) {
  var head = 0;
  var headLength = 0;
  while (head < lines.length - 1 && value.startsWith(lines[head] + " ", headLength)) {
    headLength += lines[head].length + 1;
    head += 1;
  }
  var tail = 0;
  var tailLength = 0;
  while (head + tail < lines.length - 1) {
    var line = lines[lines.length - 1 - tail];
    var length = tailLength + line.length + 1;
    if (headLength + length > value.length + 1 ||
      value.slice(value.length - length) !== " " + line + value.slice(value.length - tailLength)) break;
    tailLength = length;
    tail += 1;
  }
  var kept = lines.slice(0, head);
  var after = lines.slice(lines.length - tail);
  if (headLength + tailLength === value.length + 1) return kept.concat(after); // lines removed
  if (headLength + tailLength > value.length) return fold(value, width);
  var middle = value.slice(headLength, value.length - tailLength);
  var replaced = lines.length - head - tail;
  return kept.concat(replaced === 1 ? [middle] : fold(middle, width), after);
}

/* `text` as folded lines of at most `width` where it can break: at a single space between two
   other characters (a break there reads back as that space). */
function fold(text, width) {
  var breaks = [];
  for (var i = 1; i < text.length - 1; i++) {
    if (text[i] === " " && text[i - 1] !== " " && text[i + 1] !== " ") breaks.push(i);
  }
  breaks.push(text.length);
  var lines = [];
  var begin = 0;
  var last = -1;
  breaks.forEach(function (at) {
    if (at - begin > width && last > begin) {
      lines.push(text.slice(begin, last));
      begin = last + 1;
    }
    last = at;
  });
  lines.push(text.slice(begin));
  return lines;
}

/* `value` as the `yaml` package writes a scalar of `type` after a key at `indent`. */
function written(type, value, indent, width) {
  var doc = new YAML.Document({ k: value });
  doc.get("k", true).type = type;
  var block = type === YAML.Scalar.BLOCK_FOLDED || type === YAML.Scalar.BLOCK_LITERAL;
  var text = doc.toString({ lineWidth: block ? width - indent.length : 0, indent: 2 });
  var lines = text.slice("k: ".length).replace(/\n$/, "").split("\n");
  var out = lines.map(function (l, i) { return i && l ? indent + l : l; }).join("\n");
  return /^[|>]/.test(out) ? out + "\n" : out;
}

/* The body with only the changed language blocks replaced. */
function editBody(body, data) {
  var out = body;
  LANGS.forEach(function (lang) {
    var want = String(data["body_" + lang] || "").trim();
    var found = false;
    BLOCK.lastIndex = 0;
    out = out.replace(BLOCK, function (all, l, text) {
      if (l !== lang || found) return all;
      found = true;
      return text.trim() === want ? all : "::: " + l + "\n" + want + "\n:::";
    });
    if (!found && want) out = out.replace(/\n*$/, out.trim() ? "\n\n" : "") + "::: " + lang + "\n" + want + "\n:::\n";
  });
  return out;
}

function edit(source, data, D) {
  var bom = /^\ufeff/.test(source) ? "\ufeff" : "";
  var crlf = /\r\n/.test(source);
  var parts = F.split(F.normalText(source));
  if (!parts) return null;
  var doc = F.parse(parts.front);
  if (!doc || !doc.contents.items.length) return null;
  var editor = new Editor(parts.front, D);
  editor.map(doc.contents, data, D.top_fields, function (name, value) { return F.wanted(name, value, D); });
  var text = parts.open + editor.result() + parts.close + editBody(parts.body, data);
  return bom + (crlf ? text.replace(/\n/g, "\r\n") : text);
}

/* The file for the form's data: the opened file edited in place when there is one it can edit,
   else a file written anew. */
function toFile(data, D) {
  if (data._source) {
    var edited = edit(data._source, data, D);
    if (edited !== null) return edited;
  }
  return F.render(data, D);
}

export { edit, toFile };
