/*
 * The form's own widgets: a time in Dutch time with a "Now" button, and the status of an update,
 * offering only the statuses of the event's type. Decap's React (window.h, window.createClass) is
 * there once decap-cms.js has run.
 */
import * as time from "./amsterdam-time.js";
import * as phrases from "./outage-phrases.js";

// The clock of the "Now" button and of the check at saving; the browser tests set a fixed moment here.
var NS = (window.DouaneOutage = window.DouaneOutage || {});
NS.clock = NS.clock || function () { return Date.now(); };

/* The moment of saving (ms), from the same clock: the warnings judged "now" (P04) read it. */
export function clockNow() { return NS.clock(); }

/* -- widgets -------------------------------------------------------------------------------- */

/* Give an empty widget its starting value once it is mounted. A list item just added is not yet
   in the list's value when its widgets mount, and two widgets of one item that change in the same
   moment can undo each other; so each tries again, at its own pace, until its value holds. */
function fillWhenEmpty(widget, fill, offset) {
  var tries = 0;
  function attempt() {
    if (widget.unmounted || widget.props.value || tries >= 6) return;
    tries += 1;
    fill();
    setTimeout(attempt, 100 + offset);
  }
  setTimeout(attempt, offset);
}

export function timeWidget(D) {
  var h = window.h;
  var zone = D.rules.time_zone;
  return window.createClass({
    componentDidMount: function () {
      var self = this;
      if (this.props.field.get("now_if_empty")) {
        fillWhenEmpty(this, function () { self.now(); }, 0);
      }
    },
    componentWillUnmount: function () { this.unmounted = true; },
    now: function () { this.props.onChange(time.fileTime(NS.clock(), zone)); },
    change: function (wall, offset) {
      if (!wall) return this.props.onChange("");
      var text = wall.replace("T", " ");
      var parsed = time.parse(text);
      var ambiguous = parsed && time.offsetsOf(parsed.wall, zone).length > 1;
      this.props.onChange(ambiguous && offset ? text + offset : text);
    },
    render: function () {
      var self = this;
      var value = String(this.props.value || "");
      var parsed = time.parse(value);
      var ms = parsed && parsed.offset !== null ? time.instant(value, zone) : null;
      var wall = parsed ? parsed.wall : null;
      if (ms !== null) wall = time.wallAt(ms, zone); // an offset in the file: shown in Dutch time
      var shown = wall ? time.wallText(wall).replace(" ", "T") : "";
      var offsets = wall ? time.offsetsOf(wall, zone) : [];
      var offset = ms !== null && offsets.length > 1 ? time.offsetText(time.offsetAt(ms, zone)) : "";
      var children = [
        h("input", {
          key: "wall", id: this.props.forID, type: "datetime-local", value: shown,
          className: this.props.classNameWrapper, onFocus: this.props.setActiveStyle,
          onBlur: this.props.setInactiveStyle,
          onChange: function (e) { self.change(e.target.value, offset); },
        }),
        h("button", { key: "now", type: "button", onClick: this.now, style: { marginTop: "0.5em" } },
          h("span", { lang: "nl" }, "Nu"), " / ", h("span", { lang: "en" }, "Now")),
      ];
      if (offsets.length > 1) { // the hour that happens twice: say which one
        children.push(h("select", {
          key: "offset", "aria-label": "Welke keer / Which time", value: offset,
          onChange: function (e) { self.change(shown, e.target.value); }, style: { marginLeft: "1em" },
        }, [h("option", { key: "", value: "" }, "Kies: eerste of tweede keer / Choose: first or second time")]
          .concat(offsets.map(function (o, i) {
            return h("option", { key: o, value: time.offsetText(o) },
              time.offsetText(o) + (i === 0 ? " (zomertijd, eerste keer / summer time, first)" : " (wintertijd, tweede keer / winter time, second)"));
          }))));
      }
      if (value && !parsed) { // not a time this form can show: say what the file has
        children.push(h("p", { key: "raw" }, h("span", { lang: "nl" }, "In het bestand: "),
          h("code", {}, value), h("span", { lang: "en" }, " (in the file)")));
      }
      return h("div", {}, children);
    },
  });
}

/* The event's type as the type field says it now. Decap does not render an update's widgets
   again when another field changes, so the type field tells the status widgets itself. */
var chosenType = { word: null, listeners: new Set() };

function chooseType(word) {
  if (word === chosenType.word) return;
  chosenType.word = word;
  chosenType.listeners.forEach(function (listener) { listener(); });
}

function typeOf(entry, D) {
  var word = chosenType.word !== null ? chosenType.word : entry ? entry.getIn(["data", "type"]) : "";
  return D.type_words[word] || word || "disruption";
}

/* The type: a choice of the format's types that tells the status widgets when it changes. */
export function typeWidget() {
  var h = window.h;
  return window.createClass({
    componentDidMount: function () {
      chosenType.word = null; // a form opened anew: its own type
      chooseType(this.props.value || this.props.field.get("default") || null);
      if (!this.props.value && this.props.field.get("default")) this.props.onChange(this.props.field.get("default"));
    },
    componentWillUnmount: function () { chosenType.word = null; },
    render: function () {
      var self = this;
      var options = this.props.field.get("options").toJS();
      return h("select", {
        id: this.props.forID, value: this.props.value || "", className: this.props.classNameWrapper,
        onFocus: this.props.setActiveStyle, onBlur: this.props.setInactiveStyle,
        onChange: function (e) { self.props.onChange(e.target.value); chooseType(e.target.value); },
      }, options.map(function (o) { return h("option", { key: o.value, value: o.value }, o.label); }));
    },
  });
}

export function statusWidget(D) {
  var h = window.h;
  return window.createClass({
    allowed: function () { return D.rules.statuses_by_type[typeOf(this.props.entry, D)] || []; },
    suggested: function () {
      var updates = this.props.entry ? this.props.entry.getIn(["data", "updates"]) : null;
      var previous = "";
      (updates ? updates.toJS() : []).forEach(function (u) { if (u && u.status) previous = u.status; });
      return phrases.nextStatus(typeOf(this.props.entry, D), previous, D);
    },
    componentDidMount: function () {
      var self = this;
      fillWhenEmpty(this, function () {
        var next = self.suggested();
        if (next) self.props.onChange(next);
      }, 50);
      this.typeChanged = function () { // a status of the old type goes: the new type's first
        if (self.unmounted) return;
        var value = self.props.value;
        if (value && self.allowed().indexOf(value) < 0) {
          self.props.onChange(phrases.nextStatus(typeOf(self.props.entry, D), "", D));
        }
        self.forceUpdate();
      };
      chosenType.listeners.add(this.typeChanged);
    },
    componentWillUnmount: function () {
      this.unmounted = true;
      chosenType.listeners.delete(this.typeChanged);
    },
  render: function () {
      var self = this;
      var labels = D.status_labels;
      var value = this.props.value;
      return h("select", {
        id: this.props.forID, value: this.props.value || "", className: this.props.classNameWrapper,
        onFocus: this.props.setActiveStyle, onBlur: this.props.setInactiveStyle,
        onChange: function (e) { self.props.onChange(e.target.value); },
      }, [h("option", { key: "", value: "" }, "—")].concat(this.allowed().map(function (s) {
        return h("option", { key: s, value: s }, labels[s] || s);
      }), value && this.allowed().indexOf(value) < 0 // as the file has it; the check explains
        ? [h("option", { key: value, value: value }, value + " (niet voor dit type / not for this type)")]
        : []));
    },
  });
}

