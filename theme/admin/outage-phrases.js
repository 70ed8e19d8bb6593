/*
 * The phrasebook's standard sentences for what the operator leaves empty, and what the commands
 * add when they close an event, done the same way when the operator saves in the web editor:
 *
 *   - an empty title, explanation or update text gets the phrasebook's sentence (as `invoke new`
 *     and `invoke update` write it), an investigation or disruption its next communication moment;
 *   - a disruption that ends (a final status) after the fallback procedure was allowed gets
 *     `fallback: ended` on its final update and the `buffered_messages` text, as `invoke close`.
 *
 * Needs outage-file.js and amsterdam-time.js.
 */
import * as file from "./outage-file.js";
import * as time from "./amsterdam-time.js";

var TIME = /^(\d{4})-(\d{2})-(\d{2})[T ]+(\d{1,2}):(\d{2})/;
var DAYS = {
  nl: ["zondag", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag"],
  en: ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"],
};
var MONTHS = {
  nl: ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
    "september", "oktober", "november", "december"],
  en: ["January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"],
};
var TIME_ZONE = "Europe/Amsterdam"; // replaced by the configured zone in fill()
var isEmpty = file.isEmpty;
var list = file.list;

function parts(text) {
  var m = TIME.exec(String(text || ""));
  if (!m) return null;
  return { y: +m[1], mo: +m[2], d: +m[3], h: +m[4], mi: +m[5] };
}

function zone(text) { // the abbreviation of Dutch time at that moment
  var ms = time.instant(text, TIME_ZONE);
  return ms !== null && time.offsetAt(ms, TIME_ZONE) === 120 ? "CEST" : "CET";
}

function two(n) { return ("0" + n).slice(-2); }

function moment(text, lang) {
  var p = parts(text);
  if (!p) return String(text);
  var day = new Date(Date.UTC(p.y, p.mo - 1, p.d)).getUTCDay();
  return DAYS[lang][day] + " " + p.d + " " + MONTHS[lang][p.mo - 1] + " " + p.y + " " +
    two(p.h) + ":" + two(p.mi) + " " + zone(text);
}

/* The file time `minutes` after `text`, counted on the time line (a DST switch included). */
function addMinutes(text, minutes) {
  var ms = time.instant(text, TIME_ZONE);
  return ms === null ? null : time.fileTime(ms + minutes * 60000, TIME_ZONE);
}

function joinWords(items, lang) {
  if (items.length <= 1) return items.join("");
  return items.slice(0, -1).join(", ") + (lang === "nl" ? " en " : " and ") +
    items[items.length - 1];
}

function fail(nl, en) {
  throw new Error(nl + " / " + en);
}

function Phrases(D, data) {
  var systems = list(data.systems).map(function (id) { return [id, D.systems[id]]; });
  this.D = D;
  this.values = {};
  var self = this;
  ["nl", "en"].forEach(function (lang) {
    var values = {
      systems: joinWords(systems.map(function (s) { return s[1] ? s[1].short : s[0]; }), lang),
      processes: joinWords(systems.map(function (s) {
        return s[1] ? s[1].processes[lang].join(", ") + " (" + s[1].short + ")" : s[0];
      }), lang),
    };
    ["start", "end"].forEach(function (name) {
      if (!isEmpty(data[name])) values[name] = moment(data[name], lang);
    });
    self.values[lang] = values;
  });
}

Phrases.prototype.fill = function (section, key, extra) {
  var phrase = (this.D.phrases[section] || {})[key];
  if (!phrase) fail("Geen standaardzin " + section + "." + key, "No standard sentence " + section + "." + key);
  var result = {};
  var self = this;
  ["nl", "en"].forEach(function (lang) {
    var values = Object.assign({}, self.values[lang], extra ? extra[lang] : {});
    result[lang] = phrase[lang].replace(/\{\{|\}\}|\{(\w+)\}/g, function (all, name) {
      if (!name) return all[0];
      if (values[name] === undefined) {
        fail("Vul eerst " + name + " in (nodig voor de standaardzin " + section + "." + key + ")",
          "Fill in " + name + " first (the standard sentence " + section + "." + key + " needs it)");
      }
      return values[name];
    });
  });
  return result;
};

function joined(texts) {
  return {
    nl: texts.map(function (t) { return t.nl; }).join(" "),
    en: texts.map(function (t) { return t.en; }).join(" "),
  };
}

/* Fill in what the operator left empty, and close as `invoke close` does. Returns new data. */
function fill(entryData, D) {
  TIME_ZONE = D.rules.time_zone;
  var data = entryData.toJS();
  var out = entryData;
  var type = D.type_words[data.type] || data.type;
  var planned = D.rules.planned_types.indexOf(type) >= 0;
  var updates = Array.isArray(data.updates) ? data.updates : [];
  if (parts(data.start)) { // content/outages/<year>/<date>-…: the start's date in Dutch time
    out = out.set("folder_year", String(data.start).slice(0, 4)).set("file_date", String(data.start).slice(0, 10));
  }
  if (planned && isEmpty(data.announced) && updates.length && !isEmpty(updates[0].at)) {
    out = out.set("announced", updates[0].at);
    data.announced = updates[0].at;
  }
  if (list(data.systems).length === 0 || !parts(data.start)) return out; // the check says what is missing
  var phrases = new Phrases(D, data);
  if (isEmpty(data.title)) {
    var title = phrases.fill("titles", type);
    out = out.setIn(["title", "nl"], title.nl).setIn(["title", "en"], title.en);
  }
  if (isEmpty(data.body_nl) && isEmpty(data.body_en)) {
    var body = phrases.fill("bodies", type);
    out = out.set("body_nl", body.nl).set("body_en", body.en);
  }
  out = close(out, data, type, updates, phrases, D);
  data = out.toJS();
  (data.updates || []).forEach(function (update, index) {
    if (!isEmpty(update.nl) || !isEmpty(update.en)) return; // the operator's own words
    var status = update.status;
    var next = update.next_update;
    var minutes = D.next_minutes[status];
    if (!planned && isEmpty(next) && minutes && !isEmpty(update.at)) {
      next = addMinutes(update.at, minutes);
      if (next) out = out.setIn(["updates", index, "next_update"], next);
    }
    if (isEmpty(status)) return;
    var extra = { nl: {}, en: {} };
    ["nl", "en"].forEach(function (lang) {
      if (!isEmpty(next)) {
        var sameDay = String(next).slice(0, 10) === String(update.at || "").slice(0, 10);
        extra[lang].next_update = sameDay ? String(next).slice(11, 16) : moment(next, lang);
      }
      if (!isEmpty(update.expected_end)) extra[lang].expected_end = moment(update.expected_end, lang);
    });
    var texts = [phrases.fill("statuses", status, extra)];
    if (!isEmpty(update.fallback)) texts.push(phrases.fill("fallback", update.fallback, extra));
    if (status === "scheduled" && !isEmpty(data.fallback_possible)) {
      var possible = String(data.fallback_possible) === "true";
      texts.push(phrases.fill("sentences", possible ? "fallback_possible" : "fallback_not_possible"));
    }
    if (!isEmpty(next) && D.rules.final_statuses.indexOf(status) < 0) {
      texts.push(phrases.fill("sentences", "next_update", extra));
    }
    var text = joined(texts);
    out = out.setIn(["updates", index, "nl"], text.nl).setIn(["updates", index, "en"], text.en);
  });
  return out;
}

/* A disruption's final update after the fallback procedure was allowed: `fallback: ended` and
   the buffered-messages instructions (P11), as `invoke close` adds them. */
function close(out, data, type, updates, phrases, D) {
  var last = updates.length - 1;
  if (type !== "disruption" || last < 0 || D.rules.final_statuses.indexOf(updates[last].status) < 0) return out;
  var allowed = updates.slice(0, last + 1).some(function (u) { return u.fallback === "allowed"; });
  if (!allowed) return out;
  if (isEmpty(updates[last].fallback)) out = out.setIn(["updates", last, "fallback"], "ended");
  if (isEmpty(data.buffered_messages) && !isEmpty(updates[last].at)) {
    var values = { nl: { end: moment(updates[last].at, "nl") }, en: { end: moment(updates[last].at, "en") } };
    var text = phrases.fill("sentences", "buffered_messages", values);
    out = out.setIn(["buffered_messages", "nl"], text.nl).setIn(["buffered_messages", "en"], text.en);
  }
  return out;
}

/* The status a new update starts with: the next one after the previous update's, for the type. */
function nextStatus(type, previous, D) {
  var allowed = D.rules.statuses_by_type[type] || [];
  var next = previous ? D.next_status[previous] : allowed[0];
  return next && allowed.indexOf(next) >= 0 ? next : "";
}

export { fill, nextStatus, moment };
