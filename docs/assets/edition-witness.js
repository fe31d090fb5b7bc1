// The witness beside the text (edition/render/witness_view.py): each paragraph's toggle shows
// its witness line as scraped, with the edition's changes marked, under the Chinese text; the
// page-wide switch shows or hides them all. Off by default; the lines (and the key to their
// marks) are loaded from the version's witness data when a reader first opens one, so the page
// carries none of them while the view is off. A closed view is `hidden`: not displayed, so
// neither find-in-page nor copying sees it. The choice is remembered for the page in this tab.
(function () {
  "use strict";
  var all = document.querySelector(".witness-switch");
  var toggles = Array.prototype.slice.call(document.querySelectorAll(".witness-toggle"));
  if (!all || !toggles.length) return;
  var KEY = "edition-witness:" + location.pathname;
  var loading = null;
  var loadedData = null;

  // The data as JSON on the web; from a folder (file://, where fetch is refused) a script that
  // registers it as window.EditionData.witness (edition.render.search.as_script).
  function load() {
    if (loading) return loading;
    var url = all.getAttribute("data-src");
    if (/\.js$/.test(url)) {
      loading = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = url;
        script.onload = function () { resolve((window.EditionData || {}).witness); };
        script.onerror = reject;
        document.head.appendChild(script);
      });
    } else {
      loading = fetch(url).then(function (r) {
        if (!r.ok) throw new Error(r.status);
        return r.json();
      });
    }
    loading = loading.catch(function (err) { loading = null; throw err; });
    return loading;
  }

  function slotOf(button) { return document.getElementById(button.getAttribute("aria-controls")); }

  // The key to the marks, once, under the page's reading tools; shown while any view is open.
  function showKey(data, shown) {
    var key = document.getElementById("witness-key");
    if (!key && shown && data && data.key) {
      var holder = document.createElement("div");
      holder.innerHTML = data.key;   // built by the autoescaped template witness.html
      key = holder.firstElementChild;
      all.parentNode.parentNode.insertBefore(key, all.parentNode.nextSibling);
    }
    if (key) key.hidden = !shown;
  }

  function sync() {
    var open = toggles.filter(function (b) { return b.getAttribute("aria-expanded") === "true"; }).length;
    all.setAttribute("aria-pressed", open === toggles.length ? "true" : "false");
    showKey(loadedData, open > 0);
    try {
      if (open === toggles.length) sessionStorage.setItem(KEY, "all");
      else sessionStorage.removeItem(KEY);
    } catch (e) { /* storage refused: nothing is remembered */ }
  }


  function setOpen(button, open) {
    var slot = slotOf(button);
    var pid = button.getAttribute("aria-controls").replace(/^witness-/, "");
    if (!open) {
      slot.hidden = true;
      button.setAttribute("aria-expanded", "false");
      return Promise.resolve();
    }
    return load().then(function (data) {
      loadedData = data;
      if (!slot.firstChild || slot.hasAttribute("data-failed")) {
        slot.innerHTML = data[pid] || "";   // built by the autoescaped template witness.html
        slot.removeAttribute("data-failed");
      }
      slot.hidden = false;
      button.setAttribute("aria-expanded", "true");
    }, function () {
      slot.textContent = all.getAttribute("data-failed");
      slot.setAttribute("data-failed", "");
      slot.hidden = false;
      button.setAttribute("aria-expanded", "true");
    });
  }

  toggles.forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      setOpen(button, button.getAttribute("aria-expanded") !== "true").then(sync);
    });
  });
  all.hidden = false;
  all.addEventListener("click", function () {
    var open = all.getAttribute("aria-pressed") !== "true";
    Promise.all(toggles.map(function (b) { return setOpen(b, open); })).then(sync);
  });

  var remembered = null;
  try { remembered = sessionStorage.getItem(KEY); } catch (e) { /* no storage */ }
  if (remembered === "all") all.click();
})();
