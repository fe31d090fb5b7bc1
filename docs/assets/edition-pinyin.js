// Pinyin search: a query read as pinyin, matched against the decided readings of the text.
// Loaded before edition.js, which calls window.EditionPinyin; under node a CommonJS module
// (tests/test_pinyin_search.py runs it against an oracle written in Python).
//
// The semantics are written out in edition/render/search.py (the index's `py` and `syllables`):
// a toneless syllable matches every tone, the neutral tone included; a tone mark (chǎn) or a
// tone number (chan3) matches that tone only, 5 or 0 being the neutral tone; ü is ü, v or u:;
// spaces, apostrophes, hyphens and tone numbers end a syllable, and between them a run of
// letters may be cut anywhere the inventory allows (every cutting is tried: xian is xian or
// xi'an); the syllables must be the readings of consecutive characters of the text.
//
// parse() turns a query into letters with their tones and forced boundaries, or null when the
// query cannot be cut into syllables of the inventory (it is then not pinyin). find() walks the
// text: at each start, each character's syllable must be the next letters of the query, cut
// nowhere a boundary is forced, with the query's tone there if it gives one. The text decides
// the cutting, so no cutting is enumerated, and a query costs O(length of text × syllables).
(function (root, api) {
  if (typeof module === "object" && module && module.exports) module.exports = api;
  if (root) root.EditionPinyin = api;
})(typeof self !== "undefined" ? self : this, (function () {
  "use strict";
  var TONES = { "\u0304": 1, "\u0301": 2, "\u030c": 3, "\u0300": 4 };
  var SEPARATOR = /[\s'\u2019\u2018\-\u00b7]/;
  var LONGEST = 6;  // the longest syllable (zhuang, shuang)

  // The inventory as a set, made once per index (the index keeps it).
  function inventory(index) {
    if (!index._syllables) index._syllables = new Set(index.syllables.split(" "));
    return index._syllables;
  }

  // One syllable from letter i to letter j of the query: its tone (0: any), or -1 if the query
  // gives it two (two marks, or a mark and a number) or forces a boundary inside it.
  function tone(q, i, j) {
    var t = 0;
    for (var k = i; k < j; k++) {
      if (k > i && q.stops[k]) return -1;
      if (q.marks[k]) { if (t) return -1; t = q.marks[k]; }
    }
    if (q.digits[j]) { if (t) return -1; t = q.digits[j]; }  // a mark and a number: two tones
    return t;
  }

  // The query as letters (ü as v), the tone mark on each letter, the forced boundaries and the
  // tone numbers at each boundary; null if it is not pinyin.
  function parse(query, index) {
    var text = query.normalize("NFKC").toLowerCase().trim();
    var q = { word: "", marks: [], stops: [true], digits: [0] }, afterLetter = false;
    for (var i = 0; i < text.length; i++) {
      var c = text[i], n = q.word.length;
      if (SEPARATOR.test(c)) { q.stops[n] = true; afterLetter = false; continue; }
      if (/[0-5]/.test(c)) {
        if (!afterLetter) return null;  // a number must follow a syllable
        q.digits[n] = c === "0" || c === "5" ? 5 : +c; q.stops[n] = true; afterLetter = false; continue;
      }
      if (c === ":" && afterLetter && q.word[n - 1] === "u" && !q.marks[n - 1]) {
        q.word = q.word.slice(0, -1) + "v"; continue;
      }
      var d = c.normalize("NFD"), letter = d[0], mark = 0;
      if (!/[a-z]/.test(letter)) return null;
      for (var k = 1; k < d.length; k++) {
        if (TONES[d[k]]) { if (mark) return null; mark = TONES[d[k]]; }
        else if (d[k] === "\u0308" && letter === "u") letter = "v";
        else if (d[k] === "\u0302" && letter === "e") letter = "\u00ea";
        else return null;
      }
      q.word += letter; q.marks[n] = mark; q.stops[n + 1] = false; q.digits[n + 1] = 0; afterLetter = true;
    }
    var length = q.word.length;
    if (!length) return null;
    q.stops[length] = true;
    // Can the letters be cut into syllables of the inventory? (a small DP over the positions)
    var syllables = inventory(index), ok = [true];
    for (var j = 1; j <= length; j++) {
      ok[j] = false;
      for (var l = 1; l <= LONGEST && l <= j && !ok[j]; l++) {
        ok[j] = ok[j - l] && syllables.has(q.word.slice(j - l, j)) && tone(q, j - l, j) >= 0;
      }
    }
    return ok[length] ? q : null;
  }

  // The paragraph's readings as arrays (made once per paragraph: the index keeps them).
  function readings(p) {
    if (!p._bases) {
      var tokens = p.py.split(" ");
      p._bases = tokens.map(function (t) { return t.slice(0, -1); });
      p._tones = tokens.map(function (t) { return +t.slice(-1) || 0; });
    }
    return p;
  }

  // Where the query matches the paragraph: [start, end) in UTF-16 units of its text, in order,
  // not overlapping.
  function find(p, q) {
    var r = readings(p), bases = r._bases, tones = r._tones, length = q.word.length, found = [];
    for (var start = 0; start < bases.length; start++) {
      var at = start, pos = 0;
      while (pos < length && at < bases.length) {
        var b = bases[at];
        if (!b || q.word.substr(pos, b.length) !== b) break;
        var t = tone(q, pos, pos + b.length);
        if (t < 0 || (t && t !== tones[at])) break;
        pos += b.length; at++;
      }
      if (pos === length) { found.push([start, at]); start = at - 1; }
    }
    return found;
  }

  // Everything find() and parse() keep on the index, made at once (when the index loads, so
  // that no keystroke pays for it).
  function prepare(index) { inventory(index); index.paragraphs.forEach(readings); return index; }

  return { parse: parse, find: find, prepare: prepare };
})());
