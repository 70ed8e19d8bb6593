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
(function (root) {
  "use strict";

  var NS = (root.DouaneOutage = root.DouaneOutage || {});
  var F = NS.file;
  var LANGS = F.LANGS;
  var BLOCK = F.BLOCK;
  var isEmpty = F.isEmpty;
  var pairLines = F.pairLines;
  var itemLines = F.itemLines;
  var ordered = F.ordered;

  function YAML() { return root.YAML; }

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
    if ((node.type === T.BLOCK_FOLDED || node.type === T.BLOCK_LITERAL) && F.blockSafe(value)) {
      var header = /^[|>][-+0-9]*/.exec(was)[0];
      var lines = was.split("\n").slice(1).filter(function (l, i, all) { return i < all.length - 1 || l; });
      var pad = (/^(\s*)/.exec(lines.filter(Boolean)[0] || "") || ["", indent + "  "])[1] || indent + "  ";
      var body = node.type === T.BLOCK_LITERAL || value.indexOf("\n") >= 0
        ? value.split("\n")
        : refold(lines.map(function (l) { return l.trim(); }), String(node.value).trim(), value, pad);
      if (node.type === T.BLOCK_FOLDED && value.indexOf("\n") >= 0) header = "|" + header.slice(1);
      out = header + "\n" + body.map(function (l) { return l ? pad + l : ""; }).join("\n") + "\n";
    } else if (node.type === T.QUOTE_SINGLE && value.indexOf("\n") < 0 && !F.UNSAFE.test(value)) {
      out = "'" + value.replace(/'/g, "''") + "'";
    } else if (node.type === T.QUOTE_DOUBLE || inFlow) {
      out = F.plainSafe(value, true) && node.type !== T.QUOTE_DOUBLE ? value : F.quoted(value);
    } else {
      out = F.scalar(value, indent);
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
    var parts = F.split(F.normalText(source));
    if (!parts) return null;
    var doc = F.parse(parts.front);
    if (!doc || !doc.contents.items.length) return null;
    var editor = new Editor(parts.front, D);
    editor.map(doc.contents, data, D.top_fields, function (name, value) { return F.wanted(name, value, D); });
    var text = parts.open + editor.result() + parts.close + editBody(parts.body, data);
    return bom + (crlf ? text.replace(/\n/g, "\r\n") : text);
  }


  NS.edit = { edit: edit };
})(typeof window !== "undefined" ? window : globalThis);
