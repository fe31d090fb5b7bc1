// Renders CSL-JSON items with citeproc-js (npm `citeproc`, what Zotero runs) and the vendored CSL
// styles and locales in tests/reference/csl/, for tests/test_citations.py: one process for all.
//
// stdin:  {"styles": {NAME: {"file": "apa.csl", "translate": "en" | null}},
//          "jobs": [{"key": "en/p12", "item": {CSL-JSON item}, "locator": "12"}]}
// stdout: {KEY: {NAME: {"bibliography": HTML, "citation": HTML}}}
//
// "bibliography" is the item's entry made by engine.makeBibliography(); "citation" the citation
// of the item at the locator (label "paragraph") by engine.makeCitationCluster(): the in-text
// citation of an in-text style, the (first, full) note of a note style.
//
// A translated title: citeproc-js 1.4 reads a title's translation from its multilingual field
// (item.multi._keys.title[LANG]), not from the CSL data schema's `translated-title`; for a style
// with "translate": LANG the item's `translated-title` is given to it there, and the engine is told
// to print titles as original then translation, the translation in square brackets.
"use strict";
const fs = require("fs");
const path = require("path");
const CSL = require("citeproc");

const CSL_DIR = path.join(__dirname, "reference", "csl");
const TITLES = 2, TRANSLATED = 3;   // setLangPrefsForCiteAffixes: segment "titles", form "translat"

function engineFor(style, items) {
  const sys = {
    retrieveLocale: (lang) => fs.readFileSync(path.join(CSL_DIR, `locales-${lang}.xml`), "utf8"),
    retrieveItem: (id) => items.get(id),
  };
  const engine = new CSL.Engine(sys, fs.readFileSync(path.join(CSL_DIR, style.file), "utf8"));
  if (style.translate) {
    engine.setLangTagsForCslTranslation([style.translate]);
    engine.setLangPrefsForCites({ titles: ["orig", "translat"] });
    const affixes = new Array(48).fill("");
    const at = (TITLES * 4 + TRANSLATED) * 2;
    affixes[at] = " [";
    affixes[at + 1] = "]";
    engine.setLangPrefsForCiteAffixes(affixes);
  }
  return engine;
}

function main() {
  const input = JSON.parse(fs.readFileSync(0, "utf8"));
  const out = {};
  for (const [name, style] of Object.entries(input.styles)) {
    const items = new Map();
    for (const job of input.jobs) {
      const item = { ...job.item, id: job.key };
      if (style.translate && item["translated-title"]) {
        item.multi = { _keys: { title: { [style.translate]: item["translated-title"] } } };
      }
      items.set(job.key, item);
    }
    const engine = engineFor(style, items);
    for (const job of input.jobs) {
      engine.updateItems([job.key]);
      const [, entries] = engine.makeBibliography();
      const citation = engine.makeCitationCluster([{ id: job.key, locator: job.locator, label: "paragraph" }]);
      (out[job.key] = out[job.key] || {})[name] = { bibliography: entries.join(""), citation };
    }
  }
  process.stdout.write(JSON.stringify(out));
}

main();
