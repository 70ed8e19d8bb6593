/*
 * Wall-clock times in the site's time zone (Europe/Amsterdam), whatever zone the browser is in.
 *
 * The file format writes 'YYYY-MM-DD HH:MM' in Dutch time, with an offset only where Dutch time
 * alone does not name one moment: the hour that happens twice when summer time ends. These helpers
 * never use the browser's own zone: every conversion goes through Intl with the zone named.
 */
var formats = {};
var MINUTE = 60000;

function two(n) { return (n < 10 ? "0" : "") + n; }

function formatter(zone) {
  if (!formats[zone]) {
    formats[zone] = new Intl.DateTimeFormat("en-GB", {
      timeZone: zone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit",
      hour: "2-digit", minute: "2-digit", second: "2-digit",
    });
  }
  return formats[zone];
}

/* The wall clock in `zone` at the instant `ms`: {y, mo, d, h, mi, s}. */
function wallAt(ms, zone) {
  var parts = {};
  formatter(zone).formatToParts(new Date(ms)).forEach(function (p) { parts[p.type] = +p.value; });
  return { y: parts.year, mo: parts.month, d: parts.day, h: parts.hour % 24, mi: parts.minute, s: parts.second };
}

function asUtc(wall) { return Date.UTC(wall.y, wall.mo - 1, wall.d, wall.h, wall.mi, wall.s || 0); }

/* Minutes east of UTC in `zone` at the instant `ms`. */
function offsetAt(ms, zone) { return Math.round((asUtc(wallAt(ms, zone)) - ms) / MINUTE); }

/* The offsets (minutes) at which the wall time exists in `zone`: none in the spring-forward gap,
   two in the autumn's repeated hour, else one. Earliest instant first. */
function offsetsOf(wall, zone) {
  var guess = asUtc(wall);
  var candidates = [offsetAt(guess - 86400000, zone), offsetAt(guess + 86400000, zone)];
  var found = [];
  candidates.forEach(function (offset) {
    if (found.indexOf(offset) >= 0) return;
    var back = wallAt(guess - offset * MINUTE, zone);
    if (asUtc(back) === guess) found.push(offset);
  });
  return found.sort(function (a, b) { return b - a; });
}

function offsetText(minutes) {
  var sign = minutes < 0 ? "-" : "+";
  var m = Math.abs(minutes);
  return sign + two(Math.floor(m / 60)) + ":" + two(m % 60);
}

function wallText(wall) {
  return wall.y + "-" + two(wall.mo) + "-" + two(wall.d) + " " + two(wall.h) + ":" + two(wall.mi);
}

/* The file's text for the instant `ms`, to the minute: with the offset only when needed. */
function fileTime(ms, zone) {
  var wall = wallAt(ms, zone);
  wall.s = 0;
  var text = wallText(wall);
  return offsetsOf(wall, zone).length > 1 ? text + offsetText(offsetAt(ms, zone)) : text;
}

var PARTS = /^(\d{4})-(\d{2})-(\d{2})[T ]+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

/* {wall, offset (minutes, or null)} of a file time text, or null when it is not one. */
function parse(text) {
  var m = PARTS.exec(String(text || "").trim());
  if (!m) return null;
  var offset = null;
  if (m[7]) {
    if (/^z$/i.test(m[7])) offset = 0;
    else {
      var digits = m[7].slice(1).replace(":", "");
      offset = (m[7][0] === "-" ? -1 : 1) * (+digits.slice(0, 2) * 60 + +(digits.slice(2) || 0));
      if (+digits.slice(0, 2) > 23 || +(digits.slice(2) || 0) > 59) offset = NaN;
    }
  }
  return { wall: { y: +m[1], mo: +m[2], d: +m[3], h: +m[4], mi: +m[5], s: +(m[6] || 0) }, offset: offset };
}

function isRealWall(wall) {
  var t = new Date(asUtc(wall));
  return wall.h < 24 && wall.mi < 60 && wall.s < 60 && t.getUTCFullYear() === wall.y &&
    t.getUTCMonth() === wall.mo - 1 && t.getUTCDate() === wall.d;
}

/* The instant (ms) a file time names, or null when it names none or two. */
function instant(text, zone) {
  var p = parse(text);
  if (!p || !isRealWall(p.wall)) return null;
  if (p.offset !== null) return isNaN(p.offset) ? null : asUtc(p.wall) - p.offset * MINUTE;
  var offsets = offsetsOf(p.wall, zone);
  return offsets.length === 1 ? asUtc(p.wall) - offsets[0] * MINUTE : null;
}

export {
  wallAt,
  offsetAt,
  offsetsOf,
  offsetText,
  wallText,
  fileTime,
  parse,
  isRealWall,
  instant,
};

export function now(zone) { return fileTime(Date.now(), zone); }
