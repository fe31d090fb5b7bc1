// The edition's small progressive enhancements. Without JavaScript everything is still
// there: both texts, permalinks, citations; these only add switches and copy buttons.
(function () {
  "use strict";
  var root = document.documentElement;
  var KEY = "edition.reader";
  var labels = { en: ["Copied", "Could not copy; please copy by hand"],
                 "zh-Hans": ["已复制", "复制失败，请手动复制"], "zh-Hant": ["已複製", "複製失敗，請手動複製"] };
  var said = labels[root.lang] || labels.en;

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
  document.querySelectorAll("button.copy-link, button.copy-citation").forEach(function (b) { b.hidden = false; });
  document.addEventListener("click", function (event) {
    var button = event.target.closest("button.copy-link, button.copy-citation");
    if (!button) return;
    var text = button.classList.contains("copy-link")
      ? paragraphUrl(button.getAttribute("data-pid"))
      : button.parentNode.querySelector(".cite-text").textContent.replace(/\s+/g, " ").trim();
    copy(text).then(function () { confirm(button, true); }, function () { confirm(button, false); });
  });

  // Citations: today's date as the access date.
  var today = new Date();
  var iso = today.toISOString().slice(0, 10);
  var english = today.toLocaleDateString("en-US", { year: "numeric", month: "long", day: "numeric" });
  document.querySelectorAll(".cite-date").forEach(function (span) {
    span.textContent = span.getAttribute("data-format") === "iso" ? iso : english;
  });

  // The version selector keeps the targeted paragraph: its links always carry the current
  // #pN, so a click, a middle-click or "open in new tab" all land on the same paragraph.
  var versionLinks = Array.prototype.slice.call(document.querySelectorAll("a.version-link"));
  function syncVersionLinks() {
    var hash = /^#p\d+$/.test(location.hash) ? location.hash : "";
    versionLinks.forEach(function (link) {
      link.setAttribute("href", link.getAttribute("href").split("#")[0] + hash);
    });
  }
  syncVersionLinks();
  window.addEventListener("hashchange", syncVersionLinks);
})();
