// Search folding, the twin of fold() in edition/render/search.py: both run the same table of
// cases (tests/fold_cases.json; tests/test_fold.py runs this file under node). Loaded before
// edition.js, which uses window.EditionFold; under node it is a CommonJS module.
//
// Per character (a code point, so an astral character is one character, not two halves):
// NFKC, then lower case, each kept only where it gives one character of the same length in
// UTF-16 (𝐀 would become "a", one unit for two, so it stays); then the map (Traditional →
// Simplified, and curly quotes → straight). Every character folds to one of the same length,
// so an offset in the folded text is the same offset in the displayed text (highlighting).
(function (root, api) {
  if (typeof module === "object" && module && module.exports) module.exports = api;
  if (root) root.EditionFold = api;
})(typeof self !== "undefined" ? self : this, (function () {
  "use strict";
  var has = Object.prototype.hasOwnProperty;

  function sameWidth(ch, candidate) {  // one code point, as many UTF-16 units as ch
    return candidate.length === ch.length && (ch.length === 1 || candidate.codePointAt(0) > 0xffff);
  }

  function foldChar(ch, map) {
    var n = ch.normalize("NFKC");
    if (sameWidth(ch, n)) ch = n;
    var low = ch.toLowerCase();
    if (sameWidth(ch, low)) ch = low;
    return has.call(map, ch) ? map[ch] : ch;
  }

  function fold(text, map) {
    var out = "";
    for (var i = 0; i < text.length; ) {
      var cp = text.codePointAt(i);  // a lone surrogate comes back as itself, one unit
      var ch = cp > 0xffff ? text.slice(i, i + 2) : text[i];
      out += foldChar(ch, map || {});
      i += ch.length;
    }
    return out;
  }

  return { fold: fold, foldChar: foldChar };
})());
