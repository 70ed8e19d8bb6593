/*
 * The findings of one file and their words: the catalogue's messages (editor.json "messages", from
 * domain/check_messages.py) with their placeholders filled in, in Dutch and English, the checker's
 * "did you mean" and the way its messages show moments and lengths of time.
 */
import * as time from "./amsterdam-time.js";

/* One finding: code, severity ("error" refuses the save), the field in both languages, the
   file's line (or null) and the message in both languages. */
export function problem(code, severity, where, line, nl, en) {
  return { code: code, severity: severity, field: where, line: line, nl: nl, en: en };
}

/* The findings of one file, and how to find a node's line in it. */
export function Problems(R, firstLine, front) {
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
export function named(found) {
  found.named = true;
  return found;
}

/* A warning in the catalogue's words: the checker reports it, the save goes on. */
Problems.prototype.warn = function (code, field, line, key, values) {
  var words = say(this.R, key, values || {});
  this.list.push(named(problem(code, "warning", field, line, words.nl, words.en)));
};

/* The file's line of a YAML node (or of an offset in the front matter). */
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

export function field(name) { return { nl: name, en: name }; }

export function words(text) { return { nl: text, en: text }; }

export function joined(a, b) { return { nl: a.nl + b.nl, en: a.en + b.en }; }

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
export function similarity(a, b) {
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

export function longestMatch(a, b, alo, ahi, blo, bhi) {
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

export function hint(R, name, known) {
  var close = closest(name, known);
  return close === null ? words("") : say(R, "did_you_mean", { name: close });
}

/* A moment as the checker's messages show it: Dutch time with its zone ("2026-11-29 10:00 CET"). */
export function when(ms, R) {
  var zone = new Intl.DateTimeFormat("en-GB", { timeZone: R.time_zone, timeZoneName: "short" })
    .formatToParts(new Date(ms)).find(function (part) { return part.type === "timeZoneName"; });
  return time.wallText(time.wallAt(ms, R.time_zone)) + " " + zone.value;
}

/* A length of time as the checker's messages give it: "31 minutes", with seconds when there are. */
export function span(ms, R) {
  var seconds = Math.abs(Math.trunc(ms / 1000));
  var minutes = Math.floor(seconds / 60);
  var text = say(R, minutes === 1 ? "minute" : "minutes", { count: minutes });
  return seconds % 60 ? joined(text, say(R, "seconds", { count: seconds % 60 })) : text;
}
