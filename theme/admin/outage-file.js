/*
 * Reading and writing outage files (docs/outage-format.md) with the `yaml` package's document
 * model, so that a save changes only what the operator changed.
 *
 * Reading keeps the file's text beside the form data (`_source`). Writing compares the form with
 * that text's document and edits the text in place: a changed value is replaced where it stands
 * (in its own style: plain, quoted, `|` or `>` block, keeping the line breaks of the words that did
 * not change), a new field or update is inserted where the format's field order puts it, an
 * emptied field is removed. Comments, key order, blank lines, line ends and everything the form did
 * not touch stay byte for byte. A file the document model cannot read is written anew.
 *
 * Needs window.YAML (yaml-global.js, or require("yaml") in the tests).
 */
(function (root) {
  "use strict";

  var NS = (root.DouaneOutage = root.DouaneOutage || {});
  var SPLIT = /^(\s*---[ \t]*\n)([\s\S]*?\n)?((?:---|\.\.\.)[ \t]*(?:\n|$))([\s\S]*)$/;
  var BLOCK = /^:::[ \t]*(nl|en)[ \t]*\n([\s\S]*?)\n:::[ \t]*$/gm;
  var UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\ufffe\uffff]/;
  var STAMP = /^\d{4}-\d{2}-\d{2}[T ]\d{1,2}:\d{2}(:\d{2})?([+-]\d{2}(:?\d{2})?|Z)?$/;
  var TYPED = /^(~|null|true|false|yes|no|on|off|y|n|[-+.]?\d.*|[-?:,[\]{}#&*!|>'"%@`].*)$/i;
  var FORM_ONLY = /^(body_nl|body_en|folder_year|_source)$/; // form data that is not front matter
  var TEXTS = ["title", "cause", "process_changes", "buffered_messages"];
  var LANGS = ["nl", "en"];

  function YAML() { return root.YAML; }

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
    var doc = YAML().parseDocument(front, { schema: "failsafe", uniqueKeys: true, merge: false, resolveKnownTags: false });
    if (doc.errors.length || !YAML().isMap(doc.contents)) return null;
    return doc;
  }

  function plain(node) {
    try {
      return node === null || node === undefined ? null : YAML().isNode(node)
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
      var back = YAML().parse("k: " + text, { schema: "failsafe" });
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

  /* -- editing the text in place -------------------------------------------------------------- */

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
      var current = plain(pair.value);
      if (value === undefined) {
        if (!isEmpty(current)) self.splice(lineStart(self.text, pair.key.range[0]), pairEnd(self.text, pair), "");
        return;
      }
      if (same(name, current, value)) return;
      if (typeof value === "string" && YAML().isScalar(pair.value)) {
        self.scalar(pair.value, value, indent, !!map.flow);
      } else if (LANGS.indexOf(Object.keys(value)[0]) >= 0 && YAML().isMap(pair.value) && isBlock(pair.value)) {
        self.map(pair.value, value, LANGS, function (_n, v) { return v === "" ? undefined : v; });
      } else if (name === "updates" && YAML().isSeq(pair.value) && isBlock(pair.value) && pair.value.items.length) {
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
      if (!YAML().isMap(item) || !isBlock(item) || !item.items.length) {
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

  /* Replace a scalar's value where it stands, in its own style when it can carry the text. */
  Editor.prototype.scalar = function (node, value, indent, inFlow) {
    var T = YAML().Scalar;
    var start = node.range[0];
    var end = node.range[1];
    var was = this.text.slice(start, end);
    var out;
    if ((node.type === T.BLOCK_FOLDED || node.type === T.BLOCK_LITERAL) && blockSafe(value)) {
      var header = /^[|>][-+0-9]*/.exec(was)[0];
      var lines = was.split("\n").slice(1).filter(function (l, i, all) { return i < all.length - 1 || l; });
      var pad = (/^(\s*)/.exec(lines.filter(Boolean)[0] || "") || ["", indent + "  "])[1] || indent + "  ";
      var body = node.type === T.BLOCK_LITERAL || value.indexOf("\n") >= 0
        ? value.split("\n")
        : refold(lines.map(function (l) { return l.trim(); }), String(node.value).trim(), value, pad);
      if (node.type === T.BLOCK_FOLDED && value.indexOf("\n") >= 0) header = "|" + header.slice(1);
      out = header + "\n" + body.map(function (l) { return l ? pad + l : ""; }).join("\n") + "\n";
    } else if (node.type === T.QUOTE_SINGLE && value.indexOf("\n") < 0 && !UNSAFE.test(value)) {
      out = "'" + value.replace(/'/g, "''") + "'";
    } else if (node.type === T.QUOTE_DOUBLE || inFlow) {
      out = plainSafe(value, true) && node.type !== T.QUOTE_DOUBLE ? value : quoted(value);
    } else {
      out = scalar(value, indent);
    }
    var wasBlock = /\n$/.test(was);
    if (/\n$/.test(out) && !wasBlock) out = out.replace(/\n$/, "");
    else if (wasBlock && !/\n$/.test(out)) out += "\n";
    this.splice(start, end, out);
  };

  /* The folded lines of `value`: the lines of words that did not change stay as they were. */
  function refold(lines, old, value, pad) {
    var words = lines.map(function (l) { return l.split(/ +/); });
    var oldWords = [].concat.apply([], words);
    var newWords = value.split(/ +/);
    var width = Math.max(80, Math.max.apply(null, lines.map(function (l) { return l.length + pad.length; })));
    if (oldWords.join(" ") !== old || lines.some(function (l) { return !l; })) return wrap(newWords, width - pad.length);
    var prefix = 0;
    while (prefix < oldWords.length && prefix < newWords.length && oldWords[prefix] === newWords[prefix]) prefix++;
    var suffix = 0;
    while (suffix < oldWords.length - prefix && suffix < newWords.length - prefix &&
      oldWords[oldWords.length - 1 - suffix] === newWords[newWords.length - 1 - suffix]) suffix++;
    var head = [], tail = [], used = 0, from = 0;
    words.forEach(function (ws) { // whole lines inside the unchanged beginning
      if (used + ws.length <= prefix && head.length === from) { head.push(ws.join(" ")); used += ws.length; from++; }
    });
    var tailWords = 0;
    var to = words.length;
    for (var i = words.length - 1; i >= from; i--) {
      if (tailWords + words[i].length > suffix) break;
      tail.unshift(words[i].join(" "));
      tailWords += words[i].length;
      to = i;
    }
    if (to === from) to = from + 1;
    var middle = newWords.slice(used, newWords.length - tailWords);
    if (to - from === 1) return head.concat([middle.join(" ")], tail); // one line changed: one line
    return head.concat(middle.length ? wrap(middle, width - pad.length) : [], tail);
  }

  function wrap(words, width) {
    var lines = [], line = "";
    words.forEach(function (word) {
      if (line && line.length + 1 + word.length > width) { lines.push(line); line = word; }
      else line = line ? line + " " + word : word;
    });
    if (line) lines.push(line);
    return lines;
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
    var parts = split(normalText(source));
    if (!parts) return null;
    var doc = parse(parts.front);
    if (!doc || !doc.contents.items.length) return null;
    var editor = new Editor(parts.front, D);
    editor.map(doc.contents, data, D.top_fields, function (name, value) { return wanted(name, value, D); });
    var text = parts.open + editor.result() + parts.close + editBody(parts.body, data);
    return bom + (crlf ? text.replace(/\n/g, "\r\n") : text);
  }

  function toFile(data, D) {
    if (data._source) {
      var edited = edit(data._source, data, D);
      if (edited !== null) return edited;
    }
    return render(data, D);
  }

  NS.file = {
    fromFile: fromFile,
    toFile: toFile,
    isEmpty: isEmpty,
    list: list,
    split: split,
    normalText: normalText,
  };
})(typeof window !== "undefined" ? window : globalThis);
