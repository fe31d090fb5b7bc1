// The clause-aligned translation on the essay page (edition/clauses.py): each paragraph's
// Chinese and English are written as runs of <span class="cl">, the k-th of one text paired
// with the k-th of the other. Pointing at, focusing or tapping a clause highlights it and its
// counterpart; where the counterpart is not shown (the reader switch shows one language) a tap,
// Enter or keyboard focus shows it in a small popover. Keyboard: one tab stop for all the
// clauses (roving focus): the arrow keys move to the previous or next clause, Enter goes to the
// counterpart, Escape closes the popover. Each clause has its counterpart as its accessible
// description. Without JavaScript the spans do nothing: the texts read and copy as before.
(function () {
  "use strict";
  var essay = document.querySelector(".essay");
  if (!essay || !essay.querySelector(".cl")) return;
  var help = document.getElementById("clause-help");
  var ON = "cl-on";

  function clausesOf(text) { return text ? Array.prototype.slice.call(text.querySelectorAll(".cl")) : []; }
  function textOf(cl) { return cl.closest(".para-zh, .para-en"); }
  function pair(cl) {  // the counterpart: the clause at the same place in the paragraph's other text
    var text = textOf(cl), para = cl.closest(".para");
    if (!text || !para) return null;
    var other = para.querySelector(text.classList.contains("para-zh") ? ".para-en" : ".para-zh");
    var mine = clausesOf(text), theirs = clausesOf(other);
    return mine.length === theirs.length ? theirs[mine.indexOf(cl)] || null : null;
  }
  function shown(el) { return !!el && el.getClientRects().length > 0; }

  // Ids and descriptions: c-p12-2-zh is described by c-p12-2-en and the reverse.
  document.querySelectorAll(".para").forEach(function (para) {
    ["zh", "en"].forEach(function (lang) {
      clausesOf(para.querySelector(".para-" + lang)).forEach(function (cl, k) {
        cl.id = "cl-" + para.id + "-" + (k + 1) + "-" + lang;
      });
    });
    clausesOf(para.querySelector(".para-zh")).forEach(function (cl) {
      var other = pair(cl);
      if (!other) return;
      cl.setAttribute("aria-describedby", other.id);
      other.setAttribute("aria-describedby", cl.id);
    });
  });

  // Highlight: the clause and its counterpart (hover and focus are transient, a tap pins).
  function light(cl, on, cls) {
    cls = cls || ON;
    [cl, pair(cl)].forEach(function (el) { if (el) el.classList.toggle(cls, on); });
  }
  function clear(cls) {
    document.querySelectorAll("." + cls).forEach(function (el) { el.classList.remove(cls); });
  }

  // The popover: the counterpart's text under the clause, when the counterpart is not shown.
  var pop = document.createElement("div");
  pop.className = "cl-pop"; pop.hidden = true; pop.setAttribute("aria-hidden", "true");  // read as the description
  document.body.appendChild(pop);
  var popFor = null;
  function showPop(cl) {
    var other = pair(cl);
    if (!other || shown(other)) { hidePop(); return; }
    pop.textContent = other.textContent;
    pop.lang = textOf(other).lang || "";
    pop.hidden = false; popFor = cl;
    var r = cl.getBoundingClientRect(), w = Math.min(360, window.innerWidth - 16);
    pop.style.maxWidth = w + "px";
    var left = Math.max(8, Math.min(r.left + window.scrollX, window.scrollX + window.innerWidth - w - 8));
    pop.style.left = left + "px";
    pop.style.top = (r.bottom + window.scrollY + 6) + "px";
  }
  function hidePop() { pop.hidden = true; popFor = null; }

  // Roving focus: exactly one clause carries tabindex="0"; it is where Tab enters the clauses.
  function stop() { return essay.querySelector(".cl[tabindex='0']"); }
  function setStop(cl) {
    essay.querySelectorAll(".cl[tabindex]").forEach(function (old) { if (old !== cl) old.removeAttribute("tabindex"); });
    cl.setAttribute("tabindex", "0");
  }
  function visibleClauses(cl) {  // the clauses of cl's language, in reading order
    var lang = textOf(cl).classList.contains("para-zh") ? ".para-zh" : ".para-en";
    return Array.prototype.slice.call(essay.querySelectorAll(lang + " .cl"));
  }
  function ensureStop() {  // the stop must be shown (the reader switch may have hidden its language)
    var current = stop();
    if (current && shown(current)) return;
    var other = current && pair(current);
    var next = other && shown(other) ? other
      : Array.prototype.slice.call(essay.querySelectorAll(".cl")).filter(shown)[0];  // the first text's first
    if (next) setStop(next);
  }
  ensureStop();
  new MutationObserver(function () { ensureStop(); hidePop(); })
    .observe(document.documentElement, { attributes: true, attributeFilter: ["data-reader"] });

  function moveTo(cl) {  // the old stop keeps its tabindex until focus has left it (focusin moves it)
    if (!cl) return;
    cl.setAttribute("tabindex", "0");
    cl.focus();
  }

  document.addEventListener("mouseover", function (event) {
    var cl = event.target.closest && event.target.closest(".essay .cl");
    if (cl) light(cl, true);
  });
  document.addEventListener("mouseout", function (event) {
    var cl = event.target.closest && event.target.closest(".essay .cl");
    if (cl && !(event.relatedTarget && cl.contains(event.relatedTarget))) light(cl, false);
  });
  essay.addEventListener("focusin", function (event) {
    var cl = event.target.closest(".cl");
    if (!cl || event.target !== cl) return;
    var from = event.relatedTarget && event.relatedTarget.closest && event.relatedTarget.closest(".essay .cl");
    var other = pair(cl);
    // entering the clauses from elsewhere, the description also says how to move among them
    cl.setAttribute("aria-describedby", (other ? other.id : "") + (!from && help ? " clause-help" : ""));
    setStop(cl);
    light(cl, true, "cl-focus");
    showPop(cl);
  });
  essay.addEventListener("focusout", function (event) {
    var cl = event.target.closest(".cl");
    if (!cl || event.target !== cl) return;
    light(cl, false, "cl-focus");
    var other = pair(cl);
    if (other) cl.setAttribute("aria-describedby", other.id);
    if (popFor === cl) hidePop();
  });
  essay.addEventListener("keydown", function (event) {
    var cl = event.target.classList && event.target.classList.contains("cl") ? event.target : null;
    if (!cl || event.altKey || event.ctrlKey || event.metaKey) return;
    var list = visibleClauses(cl), k = list.indexOf(cl);
    if (event.key === "ArrowRight" || event.key === "ArrowDown") { event.preventDefault(); moveTo(list[k + 1]); }
    else if (event.key === "ArrowLeft" || event.key === "ArrowUp") { event.preventDefault(); moveTo(list[k - 1]); }
    else if (event.key === "Home") { event.preventDefault(); moveTo(list[0]); }
    else if (event.key === "End") { event.preventDefault(); moveTo(list[list.length - 1]); }
    else if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      var other = pair(cl);
      if (other && shown(other)) moveTo(other); else if (popFor === cl) hidePop(); else showPop(cl);
    } else if (event.key === "Escape") hidePop();
  });

  // A tap or click (not on a link inside, not the end of a text selection) pins the pairing
  // and, where the counterpart is not shown, opens the popover; a second tap closes it.
  document.addEventListener("click", function (event) {
    var cl = event.target.closest && event.target.closest(".essay .cl");
    var selection = window.getSelection && window.getSelection();
    if (cl && (event.target.closest("a, button") || (selection && !selection.isCollapsed))) return;
    var pinned = cl && cl.classList.contains("cl-pin");
    clear("cl-pin");
    if (!cl || pinned) { hidePop(); return; }
    light(cl, true, "cl-pin");
    setStop(cl);
    if (popFor === cl) hidePop(); else showPop(cl);
  });
  document.addEventListener("keydown", function (event) { if (event.key === "Escape") hidePop(); });
  window.addEventListener("resize", function () { if (popFor) showPop(popFor); });
})();
