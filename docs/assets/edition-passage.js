// Passage links: a link to, and a citation of, a run of characters inside one paragraph.
//
// The fragment is #pN:START-END: paragraph N, characters START to END of its reading text,
// counted from 1, both included, in Unicode code points (#p12:5-18). The Simplified and the
// Traditional texts are aligned character by character, so one link names the same words in both
// versions; the English page marks the Chinese passage and the English clauses aligned with it
// (edition-clauses.js). A range that no longer fits its paragraph falls back to the paragraph.
// A selection in the English names the Chinese run of the clauses it touches.
//
// The reading text of a paragraph is the text of its .para-zh element without the marks' links
// (.note-ref: drawn by CSS, no text) and without ruby readings (rt), exactly what the plain-text
// download has (edition.js walks it, for search highlights too); copying a selection inside one paragraph copies just that text, ruby or not.
(function () {
  "use strict";
  var essay = document.querySelector(".essay");
  if (!essay) return;
  var said = function (key) { return essay.getAttribute("data-passage-" + key) || ""; };
  var PASSAGE = /^#p(\d+):(\d+)-(\d+)$/;

  var page = window.EditionPage;   // edition.js: the reading-text walk, the highlighter, copying
  function codePoints(s) { return Array.from(s).length; }
  function textNodes(el) { return page.readingText(el).nodes.map(function (entry) { return entry[0]; }); }
  function readingText(el) { return page.readingText(el).text; }
  function units(text, n) { return Array.from(text).slice(0, n).join("").length; }   // code points → UTF-16
  function offsetOf(nodes, container, offset) {   // a DOM boundary point → code points before it
    var pos = 0;
    for (var i = 0; i < nodes.length; i++) {
      var t = nodes[i];
      if (t === container) return pos + codePoints(t.data.slice(0, offset));
      var whole = document.createRange();
      whole.selectNodeContents(t);
      if (whole.comparePoint(container, offset) < 0) return pos;
      pos += codePoints(t.data);
    }
    return pos;
  }

  // --- from a selection to a passage ---------------------------------------------------------
  function chineseOf(node) {
    var el = node && (node.nodeType === 1 ? node : node.parentNode);
    return el && el.closest ? el.closest(".para-zh") : null;
  }
  // The translation is aligned by clause (edition-clauses.js): the k-th .cl of the English pairs
  // with the k-th .cl of the Chinese, whose run of the reading text is read off the page.
  function clauseRuns(section) {
    var zh = section.querySelector(".para-zh"), nodes = textNodes(zh);
    return Array.prototype.map.call(zh.querySelectorAll(".cl"), function (cl) {
      return [offsetOf(nodes, cl, 0), offsetOf(nodes, cl, cl.childNodes.length)];
    });
  }
  function englishRange(range) {   // the Chinese run of the clauses a selection in the English touches
    var node = range.commonAncestorContainer, en = (node.nodeType === 1 ? node : node.parentNode).closest(".para-en");
    if (!en) return null;
    var runs = clauseRuns(en.closest(".para")), touched = [];
    en.querySelectorAll(".cl").forEach(function (cl, k) { if (runs[k] && range.intersectsNode(cl)) touched.push(runs[k]); });
    if (!touched.length) return null;
    return [touched[0][0], touched[touched.length - 1][1]];
  }
  // {section, start, end} (0-based, end excluded), or {refusal: why}, or null for no selection
  function passageOf(selection) {
    if (!selection || selection.isCollapsed || !selection.rangeCount) return null;
    var range = selection.getRangeAt(0);
    var from = range.startContainer, to = range.endContainer;
    var zh = chineseOf(from), section = (from.nodeType === 1 ? from : from.parentNode).closest(".para");
    var endSection = (to.nodeType === 1 ? to : to.parentNode).closest(".para");
    if (!section && !endSection) return null;
    if (section !== endSection) return { refusal: said("refuse-paragraphs") };
    if (zh && chineseOf(to) === zh) {
      var nodes = textNodes(zh);
      var start = offsetOf(nodes, from, range.startOffset), end = offsetOf(nodes, to, range.endOffset);
      return end > start ? { section: section, start: start, end: end } : null;
    }
    var run = englishRange(range);
    if (run) return { section: section, start: run[0], end: run[1] };
    return { refusal: said("refuse-english") };
  }

  // --- the passage's address, quotation and citation -----------------------------------------
  function passageText(p) {
    return Array.from(readingText(p.section.querySelector(".para-zh"))).slice(p.start, p.end).join("");
  }
  function fragment(p) { return "#" + p.section.id + ":" + (p.start + 1) + "-" + p.end; }
  function address(p) { var url = new URL(location.href); url.search = ""; url.hash = fragment(p).slice(1); return url.href; }
  function quoted(p) {
    var text = passageText(p);
    return said("quote").replace("{text}", text).replace("{n}", p.section.id.slice(1))
      .replace("{start}", p.start + 1).replace("{end}", p.end);
  }

  var current = null;            // the last passage selected, kept while the reader reaches its buttons
  function tools(section) { return section.querySelector(".para-tools"); }
  function clearButtons() {
    document.querySelectorAll(".passage-tools").forEach(function (el) { el.remove(); });
  }
  function showButtons(p) {
    clearButtons();
    var box = document.createElement("span");
    box.className = "passage-tools";
    if (p.refusal) {
      box.setAttribute("role", "status");
      box.textContent = p.refusal;
    } else {
      var range = said("range").replace("{start}", p.start + 1).replace("{end}", p.end);
      [["copy-passage", said("copy")], ["cite-passage", said("cite")]].forEach(function (b) {
        var button = document.createElement("button");
        button.type = "button"; button.className = b[0]; button.textContent = b[1];
        button.setAttribute("aria-label", b[1] + " (" + range + ")");
        box.appendChild(button);
      });
    }
    var section = p.section || (document.getSelection().anchorNode.parentNode || document.body).closest(".para");
    if (section) tools(section).prepend(box);
  }
  document.addEventListener("selectionchange", function () {
    var p = passageOf(document.getSelection());
    if (!p) return;              // a collapsed selection (a click on our buttons) keeps the last passage
    current = p.refusal ? null : p;
    showButtons(p);
  });
  document.addEventListener("keydown", function (event) { if (event.key === "Escape") { current = null; clearButtons(); } });

  // Copying stays plain reading text: a selection inside one paragraph's Chinese copies the
  // characters of the reading text only (no ruby readings, no marks).
  document.addEventListener("copy", function (event) {
    var selection = document.getSelection(), p = passageOf(selection);
    if (!p || p.refusal || !chineseOf(selection.getRangeAt(0).startContainer) || !event.clipboardData) return;
    var text = passageText(p);
    event.clipboardData.setData("text/plain", text);
    event.preventDefault();
  });

  // "Cite this passage": the page's citation formats (section#cite-formats, filled as for a
  // paragraph) with the passage quoted before each and the passage's address in place of the paragraph's.
  var dialog = null;
  function citeDialog(p) {
    if (!dialog) {
      dialog = document.createElement("dialog");
      dialog.className = "passage-cite";
      dialog.setAttribute("aria-labelledby", "passage-cite-title");
      var close = document.createElement("button");
      close.type = "button"; close.className = "passage-close"; close.textContent = said("close");
      close.addEventListener("click", function () { dialog.close(); });
      var title = document.createElement("h2");
      title.id = "passage-cite-title"; title.textContent = said("cite");
      dialog.append(title, document.createElement("div"), close);
      document.body.appendChild(dialog);
    }
    var body = dialog.querySelector("div");
    body.textContent = "";
    var formats = document.getElementById("cite-formats");
    var details = p.section.querySelector("details.cite");
    if (formats) formats.querySelectorAll(".cite-item").forEach(function (item) {
      var copy = item.cloneNode(true);
      copy.querySelectorAll("button").forEach(function (b) { b.hidden = false; });
      copy.querySelectorAll(".cite-n").forEach(function (el) { el.textContent = details.getAttribute("data-n"); });
      copy.querySelectorAll(".cite-url").forEach(function (a) { a.href = address(p); a.textContent = address(p); });
      copy.querySelectorAll(".cite-date").forEach(function (span) {
        span.textContent = page.today(span.getAttribute("data-format"));
      });
      copy.querySelectorAll(".cite-text").forEach(function (text) {
        var quote = document.createElement("span");
        quote.className = "cite-quote"; quote.lang = essay.getAttribute("data-chinese-lang") || "zh";
        quote.textContent = quoted(p) + " ";
        text.prepend(quote);
      });
      body.appendChild(copy);
    });
    dialog.showModal();
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest(".passage-tools button");
    if (!button || !current) return;
    if (button.classList.contains("copy-passage")) page.copy(address(current), button);
    else citeDialog(current);
  });

  // --- arriving on a passage link ------------------------------------------------------------
  function unmark() {
    document.querySelectorAll("mark.passage-hit").forEach(function (m) {
      var parent = m.parentNode;
      while (m.firstChild) parent.insertBefore(m.firstChild, m);
      parent.removeChild(m);
      parent.normalize();
    });
    document.querySelectorAll(".clause-hit").forEach(function (c) { c.classList.remove("clause-hit"); });
    document.querySelectorAll(".para.is-target").forEach(function (s) { s.classList.remove("is-target"); });
  }
  function arrive() {
    unmark();
    var m = PASSAGE.exec(location.hash);
    if (!m) return;
    var section = document.getElementById("p" + m[1]);
    if (!section) return;
    var zh = section.querySelector(".para-zh"), start = Number(m[2]) - 1, end = Number(m[3]);
    var text = zh ? readingText(zh) : "";
    if (zh && start >= 0 && end > start && end <= codePoints(text)) {
      page.highlight(zh, function () { return [[units(text, start), units(text, end)]]; }, "passage-hit");
      var runs = clauseRuns(section);
      section.querySelectorAll(".para-en .cl").forEach(function (cl, k) {
        if (runs[k] && runs[k][0] < end && runs[k][1] > start) cl.classList.add("clause-hit");
      });
    }                            // else: the range no longer fits; the paragraph is the target
    section.classList.add("is-target");
    section.scrollIntoView({ block: "center" });
  }
  window.addEventListener("hashchange", arrive);
  if (document.readyState === "complete") arrive(); else window.addEventListener("load", arrive);
})();
