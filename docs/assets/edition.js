// The edition's small progressive enhancements. Without JavaScript everything is still
// there: both texts, permalinks, citations; these only add switches and copy buttons.
(function () {
  "use strict";
  var root = document.documentElement;
  var KEY = "edition.reader";
  var essayBox = document.querySelector(".essay");  // carries this version's labels for copying
  var said = essayBox ? [essayBox.getAttribute("data-copied"), essayBox.getAttribute("data-copy-failed")] : ["", ""];

  function store(key, value) { try { localStorage.setItem(key, value); } catch (e) { /* private mode */ } }
  function stored(key) { try { return localStorage.getItem(key); } catch (e) { return null; } }

  // Reader switch: original / translation / both, remembered across pages and reloads.
  var switcher = document.querySelector(".reader-switch");
  function setReader(mode) {
    if (["orig", "trans", "both"].indexOf(mode) < 0) mode = "both";
    root.setAttribute("data-reader", mode);
    if (switcher) switcher.querySelectorAll("button").forEach(function (b) {
      b.setAttribute("aria-pressed", String(b.getAttribute("data-reader") === mode));
    });
  }
  setReader(stored(KEY) || "both");
  if (switcher) {
    switcher.hidden = false;
    switcher.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-reader]");
      if (!button) return;
      var mode = button.getAttribute("data-reader");
      store(KEY, mode);
      setReader(mode);
    });
  }

  // Copying: the Clipboard API, with a fallback for older browsers.
  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text; area.setAttribute("readonly", ""); area.style.position = "fixed"; area.style.opacity = "0";
      document.body.appendChild(area); area.select();
      var ok = document.execCommand("copy"); document.body.removeChild(area);
      ok ? resolve() : reject(new Error("copy failed"));
    });
  }
  function confirm(button, ok) {
    var original = button.getAttribute("data-label") || button.textContent;
    button.setAttribute("data-label", original);
    button.textContent = ok ? said[0] : said[1];
    setTimeout(function () { button.textContent = original; }, 2000);
  }
  function paragraphUrl(pid) {
    var url = new URL(location.href);
    url.search = ""; url.hash = pid;
    return url.href;
  }
  document.querySelectorAll("button.copy-link").forEach(function (b) { b.hidden = false; });
  document.addEventListener("click", function (event) {
    var button = event.target.closest("button.copy-link, button.copy-citation");
    if (!button) return;
    var text = button.classList.contains("copy-link")
      ? paragraphUrl(button.getAttribute("data-pid"))
      : button.parentNode.querySelector(".cite-text").textContent.replace(/\s+/g, " ").trim();
    copy(text).then(function () { confirm(button, true); }, function () { confirm(button, false); });
  });

  // Citations: the formats are written once per page (section#cite-formats, N for the number);
  // opening "Cite this paragraph" copies them in with the paragraph's number and address and
  // the reader's date: today where the reader is (local time, never UTC: toISOString() would
  // give yesterday before 08:00 in China), as each style writes it.
  var today = new Date();
  function twoDigits(n) { return (n < 10 ? "0" : "") + n; }
  var iso = today.getFullYear() + "-" + twoDigits(today.getMonth() + 1) + "-" + twoDigits(today.getDate());
  var english = today.toLocaleDateString("en-US", { year: "numeric", month: "long", day: "numeric" });
  function dated(format) { return format === "iso" ? iso : english; }   // as a style writes the date
  var citeFormats = document.getElementById("cite-formats");
  function fillCitations(details) {
    if (!citeFormats || details.querySelector(".cite-item")) return;
    var items = document.createDocumentFragment(), url = details.getAttribute("data-url");
    citeFormats.querySelectorAll(".cite-item").forEach(function (item) { items.appendChild(item.cloneNode(true)); });
    items.querySelectorAll("button").forEach(function (b) { b.hidden = false; });
    items.querySelectorAll(".cite-n").forEach(function (el) { el.textContent = details.getAttribute("data-n"); });
    items.querySelectorAll(".cite-url").forEach(function (a) { a.href = url; a.textContent = url; });
    items.querySelectorAll(".cite-date").forEach(function (span) {
      span.textContent = dated(span.getAttribute("data-format"));
    });
    details.appendChild(items);
  }
  document.querySelectorAll("details.cite").forEach(function (details) {
    details.hidden = false;
    details.addEventListener("toggle", function () { if (details.open) fillCitations(details); });
    if (details.open) fillCitations(details);
  });

  // The version selector keeps the targeted paragraph or passage: its links always carry the
  // current #pN or #pN:START-END (edition-passage.js), so a click, a middle-click or "open in
  // new tab" all land on the same paragraph or passage.
  var versionLinks = Array.prototype.slice.call(document.querySelectorAll("a.version-link"));
  function syncVersionLinks() {
    var hash = /^#p\d+(:\d+-\d+)?$/.test(location.hash) ? location.hash : "";  // a paragraph or a passage
    versionLinks.forEach(function (link) {
      link.setAttribute("href", link.getAttribute("href").split("#")[0] + hash);
    });
  }
  syncVersionLinks();
  window.addEventListener("hashchange", syncVersionLinks);

  // The argument map scrolls sideways on narrow screens: open it with the targeted claim, or
  // else the thesis, in the middle of the view rather than the left edge of the diagram.
  document.querySelectorAll(".argument-scroll").forEach(function (box) {
    if (box.scrollWidth <= box.clientWidth) return;
    var id = /^#claim-[\w-]+$/.test(location.hash) ? location.hash.slice(1) : "";
    var node = (id && document.getElementById(id)) || box.querySelector(".kind-thesis");
    if (!node) return;
    var b = box.getBoundingClientRect(), n = node.getBoundingClientRect();
    box.scrollLeft += (n.left + n.width / 2) - (b.left + b.width / 2);
  });

  // Search: exact matching over folded text (see edition/render/search.py for the why).
  // fold() is shared with the tests: edition-fold.js (loaded first) is the twin of the Python fold().
  function fold(text, map) { return window.EditionFold.fold(text, map); }
  function matches(folded, query) {
    var found = [], at = folded.indexOf(query);
    while (query && at >= 0) { found.push([at, at + query.length]); at = folded.indexOf(query, at + query.length); }
    return found;
  }
  function marked(text, spans) {  // a fragment with <mark> around each span; text stays text
    var fragment = document.createDocumentFragment(), last = 0;
    spans.forEach(function (span) {
      fragment.appendChild(document.createTextNode(text.slice(last, span[0])));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(span[0], span[1]);
      fragment.appendChild(mark);
      last = span[1];
    });
    fragment.appendChild(document.createTextNode(text.slice(last)));
    return fragment;
  }

  // Data files: JSON fetched on the web; in the edition read from a folder (file://, where
  // browsers refuse fetch) a script beside the page that registers the same JSON as
  // window.EditionData[name] (edition.render.search.as_script), loaded when first needed.
  function loadData(url) {
    if (!/\.js$/.test(url)) return fetch(url).then(function (r) { return r.json(); });
    var name = url.split("/").pop().replace(/\.js$/, "");
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = url;
      script.onload = function () { resolve((window.EditionData || {})[name]); };
      script.onerror = reject;
      document.head.appendChild(script);
    });
  }

  var box = document.querySelector(".edition-search");
  // The search code beside this file (edition-fold.js, edition-pinyin.js) and the index load when
  // search is first used (the box opens, or a page arrives with ?q= or ?py=), not with every page.
  var here = (document.currentScript && document.currentScript.src || "").replace(/[^/]*$/, "");
  function loadScript(name) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = here + name; script.onload = resolve; script.onerror = reject;
      document.head.appendChild(script);
    });
  }
  var index = null, loading = null;
  function loadIndex() {
    if (!loading) loading = Promise.all([loadScript("edition-fold.js"), loadScript("edition-pinyin.js"),
                                         loadData(box.getAttribute("data-index"))]).then(function (loaded) {
      index = window.EditionPinyin.prepare(loaded[2]); return loaded[2];
    });
    return loading;
  }
  if (box) {
    var toggle = box.querySelector(".edition-search__toggle");
    var panel = box.querySelector(".edition-search__panel");
    var input = box.querySelector("input");
    var status = box.querySelector(".edition-search__status");
    var list = box.querySelector(".edition-search__results");
    var englishFirst = box.getAttribute("data-lang") === "en";
    box.hidden = false;
    var open = function () {
      panel.hidden = false; toggle.setAttribute("aria-expanded", "true"); input.focus(); loadIndex();
    };
    var close = function () {
      panel.hidden = true; toggle.setAttribute("aria-expanded", "false"); toggle.focus();
    };
    toggle.addEventListener("click", function () { panel.hidden ? open() : close(); });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && !panel.hidden) { close(); return; }
      var typing = /^(INPUT|TEXTAREA|SELECT)$/.test((event.target || {}).tagName || "");
      if (event.key === "/" && !typing && panel.hidden) { event.preventDefault(); open(); }
    });
    var pinyinList = box.querySelector(".edition-search__pinyin");
    var result = function (target, p, href, parts) {  // one paragraph: its number and its snippets
      var li = document.createElement("li"), a = document.createElement("a");
      a.href = href + "#" + p.id;
      a.setAttribute("data-pid", p.id);
      var n = document.createElement("span"); n.className = "n"; n.textContent = "¶ " + p.n;
      a.appendChild(n);
      if (englishFirst) parts.reverse();
      parts.forEach(function (part) {  // [spans, text, language, aligned?]: an aligned part shows even unmarked
        if (!part[0].length && !(part[3] && part[1])) return;
        var s = document.createElement("span"); s.className = part[3] ? "snippet aligned" : "snippet";
        s.lang = part[2] === "en" ? "en" : box.getAttribute("data-chinese-lang");
        s.appendChild(marked(part[1], part[0]));
        a.appendChild(s);
      });
      li.appendChild(a);
      target.appendChild(li);
    };
    // The other language's clauses aligned with the matches (index cl: [zh start, zh end, en start,
    // en end]), joined: what a result shows of the language the query did not match.
    var aligned = function (p, spans, from, to, text) {
      return (p.cl || []).filter(function (c) {
        return spans.some(function (s) { return s[0] < c[from + 1] && s[1] > c[from]; });
      }).map(function (c) { return text.slice(c[to], c[to + 1]); }).join(" … ");
    };
    var bothLanguages = function (p, zh, en) {
      return [zh.length || !en.length ? [zh, p.zh, "zh"] : [[], aligned(p, en, 2, 0, p.zh), "zh", true],
              en.length || !zh.length ? [en, p.en, "en"] : [[], aligned(p, zh, 0, 2, p.en), "en", true]];
    };
    var run = function () {
      var started = performance.now(), query = input.value;
      loadIndex().then(function () {
        if (input.value !== query) return;  // a newer keystroke wins
        var q = fold(query.trim(), index.fold);
        list.textContent = ""; pinyinList.textContent = "";
        if (!q) { status.textContent = ""; pinyinList.parentNode.hidden = true; return; }
        var essay = box.getAttribute("data-essay"), count = 0, pinyinCount = 0, counts = [];
        var href = essay + "?q=" + encodeURIComponent(query.trim());
        index.paragraphs.forEach(function (p) {
          var zh = matches(p.zhFold, q), en = matches(p.enFold, q);
          if (!zh.length && !en.length) return;
          count++;
          result(list, p, href, bothLanguages(p, zh, en));
        });
        // The same query read as pinyin (edition-pinyin.js), if it is pinyin: its own labelled list.
        var pinyin = window.EditionPinyin.parse(query, index);
        if (pinyin) index.paragraphs.forEach(function (p) {
          var spans = window.EditionPinyin.find(p, pinyin);
          if (!spans.length) return;
          pinyinCount++;
          result(pinyinList, p, essay + "?py=" + encodeURIComponent(query.trim()), bothLanguages(p, spans, []));
        });
        pinyinList.parentNode.hidden = !pinyinCount;
        if (count) counts.push(box.getAttribute("data-count").replace("{n}", count));
        if (pinyinCount) counts.push(box.getAttribute("data-pinyin-count").replace("{n}", pinyinCount));
        status.textContent = counts.length ? counts.join(" · ") : box.getAttribute("data-none");
        box.setAttribute("data-search-ms", (performance.now() - started).toFixed(2));
      });
    };
    input.addEventListener("input", run);
    input.addEventListener("keydown", function (event) {  // arrow down moves into the results
      if (event.key === "ArrowDown") { var first = panel.querySelector(".edition-search__results a, .edition-search__pinyin a"); if (first) { event.preventDefault(); first.focus(); } }
    });
  }

  // Arriving from a search result (?q=… or, for a pinyin result, ?py=…): mark the query in the
  // essay's paragraphs (a pinyin query in the Chinese, at the characters whose readings match).
  var params = new URLSearchParams(location.search), query = params.get("q"), pinyinQuery = params.get("py");
  // A paragraph's reading text as the page shows it: its text nodes without the marks' links
  // (.note-ref, drawn by CSS) and the ruby readings (rt); [node, UTF-16 offset] each, and the text.
  function readingText(el) {
    var nodes = [], text = "", walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        return node.parentNode.closest(".note-ref, rt") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      } });
    for (var node = walker.nextNode(); node; node = walker.nextNode()) { nodes.push([node, text.length]); text += node.data; }
    return { nodes: nodes, text: text };
  }
  // Wrap each span (UTF-16 offsets of the reading text) in <mark class="CLASS">, search-hit by default.
  function highlight(el, spansOf, className) {
    var read = readingText(el), nodes = read.nodes;
    spansOf(read.text).reverse().forEach(function (span) {
      nodes.slice().reverse().forEach(function (entry) {
        var node = entry[0], start = entry[1], end = start + node.data.length;
        var from = Math.max(span[0], start), to = Math.min(span[1], end);
        if (from >= to) return;
        var piece = node.splitText(from - start);
        piece.splitText(to - from);
        var mark = document.createElement("mark");
        mark.className = className || "search-hit";
        piece.parentNode.replaceChild(mark, piece);
        mark.appendChild(piece);
      });
    });
  }
  // Shared with edition-passage.js (loaded after this file): one text walk, one highlighter, one copy.
  window.EditionPage = {
    readingText: readingText, highlight: highlight,
    today: dated,                     // the reader's local date, as a style writes it
    copy: function (text, button) {
      copy(text).then(function () { confirm(button, true); }, function () { confirm(button, false); });
    }
  };
  if (box && query && document.querySelector(".essay")) {
    loadIndex().then(function () {
      var q = fold(query.trim(), index.fold);
      if (!q) return;
      document.querySelectorAll(".para-texts > p").forEach(function (el) {
        highlight(el, function (text) { return matches(fold(text, index.fold), q); });
      });
    });
  }
  if (box && pinyinQuery && document.querySelector(".essay")) {
    loadIndex().then(function () {
      var pinyin = window.EditionPinyin.parse(pinyinQuery, index);
      if (pinyin) index.paragraphs.forEach(function (p) {
        var el = document.querySelector("#" + p.id + " .para-zh");
        // offsets are the reading text's: only where the paragraph shows exactly that text
        if (el) highlight(el, function (text) { return text === p.zh ? window.EditionPinyin.find(p, pinyin) : []; });
      });
    });
  }

  // Pinyin over every character (ruby), off by default, remembered. The readings are the
  // decided ones (editorial/readings.yaml, edition/reading.py), in search/pinyin.json, aligned
  // with the text character by character.
  var pinyinButton = document.querySelector(".pinyin-switch");
  if (pinyinButton) {
    var PKEY = "edition.pinyin", originals = new Map(), readings = null;
    var han = /[\u3400-\u9fff\uf900-\ufaff]/;
    var addRuby = function (el, syllables) {
      var walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT, { acceptNode: function (node) {
        return node.parentNode.closest(".note-ref") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT; } });
      var nodes = [], offset = 0;
      for (var node = walker.nextNode(); node; node = walker.nextNode()) { nodes.push([node, offset]); offset += node.data.length; }
      nodes.forEach(function (entry) {
        var node = entry[0], fragment = document.createDocumentFragment(), plainText = "";
        for (var i = 0; i < node.data.length; i++) {
          var ch = node.data[i], reading = syllables[entry[1] + i];
          if (reading && han.test(ch)) {
            if (plainText) { fragment.appendChild(document.createTextNode(plainText)); plainText = ""; }
            var ruby = document.createElement("ruby"), rt = document.createElement("rt");
            ruby.appendChild(document.createTextNode(ch)); rt.textContent = reading; ruby.appendChild(rt);
            fragment.appendChild(ruby);
          } else { plainText += ch; }
        }
        if (plainText) fragment.appendChild(document.createTextNode(plainText));
        node.parentNode.replaceChild(fragment, node);
      });
    };
    var setPinyin = function (on) {
      pinyinButton.setAttribute("aria-pressed", String(on));
      root.toggleAttribute("data-pinyin", on);
      var paragraphs = document.querySelectorAll(".para");
      if (!on) {
        paragraphs.forEach(function (p) { var el = p.querySelector(".para-zh"); if (originals.has(el)) el.innerHTML = originals.get(el); });
        originals.clear();
        return Promise.resolve();
      }
      var ready = readings ? Promise.resolve(readings) : loadData(pinyinButton.getAttribute("data-src"))
        .then(function (data) { readings = data; return data; });
      return ready.then(function (data) {
        paragraphs.forEach(function (p) {
          var el = p.querySelector(".para-zh");
          if (originals.has(el) || !data[p.id]) return;
          originals.set(el, el.innerHTML);
          addRuby(el, data[p.id]);
        });
      });
    };
    pinyinButton.hidden = false;
    pinyinButton.addEventListener("click", function () {
      var on = pinyinButton.getAttribute("aria-pressed") !== "true";
      store(PKEY, on ? "on" : "off");
      setPinyin(on);
    });
    if (stored(PKEY) === "on") setPinyin(true);
  }

  // Tooltips for glossary terms, note marks and claim links: one shared element, shown on hover
  // and on keyboard focus. Its text is the element's description (aria-describedby), written
  // once per page: a term's definition, a note, a claim.
  var tip = document.createElement("div");
  tip.id = "edition-tip"; tip.className = "edition-tip"; tip.setAttribute("aria-hidden", "true"); tip.hidden = true;
  document.body.appendChild(tip);
  var TIPPED = "a.term[aria-describedby], a.note-ref[aria-describedby], a.claim-link[aria-describedby]";
  var showTip = function (el) {
    var source = document.getElementById(el.getAttribute("aria-describedby"));
    if (!source) return;
    tip.textContent = source.textContent;
    tip.lang = source.lang || "";
    tip.hidden = false;
    var r = el.getBoundingClientRect(), w = Math.min(360, window.innerWidth - 16);
    tip.style.maxWidth = w + "px";
    var left = Math.max(8, Math.min(r.left + window.scrollX, window.scrollX + window.innerWidth - w - 8));
    tip.style.left = left + "px";
    tip.style.top = (r.bottom + window.scrollY + 6) + "px";
  };
  var hideTip = function () { tip.hidden = true; };
  ["mouseover", "focusin"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      var el = event.target.closest && event.target.closest(TIPPED);
      if (el) showTip(el);
    });
  });
  ["mouseout", "focusout"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      var el = event.target.closest && event.target.closest(TIPPED);
      if (el && !(event.relatedTarget && el.contains(event.relatedTarget))) hideTip();
    });
  });
  document.addEventListener("keydown", function (event) { if (event.key === "Escape") hideTip(); });
})();
