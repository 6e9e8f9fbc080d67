/*
 * Search ranking for a knowledge base: a page whose title names every word
 * searched for is the page about it, so it comes before pages that only
 * mention those words in their text or in a section heading.
 *
 * Sphinx loads this (html_search_scorer) before its search code, which then
 * keeps this Scorer instead of its own; the weights below are Sphinx's.
 */
var Scorer = {
  // Added to a result whose page title holds every searched word. Larger
  // than any score Sphinx gives (an exact glossary or index entry scores 100).
  pageAbout: 200,

  score: (result) => {
    const [docname, title, anchor, descr, score, filename, kind] = result;
    const query = new URLSearchParams(window.location.search).get("q") || "";
    const words = query.toLowerCase().split(/\s+/).filter((word) => word.length > 2);
    // Section results are titled "Page title > Section title".
    const pageTitle = (title || "").split(" > ")[0].toLowerCase();
    const about = words.length > 0 && words.every((word) => pageTitle.includes(word));
    return about ? score + Scorer.pageAbout : score;
  },

  objNameMatch: 11,
  objPartialMatch: 6,
  objPrio: { 0: 15, 1: 5, 2: -5 },
  objPrioDefault: 0,
  title: 15,
  partialTitle: 7,
  term: 5,
  partialTerm: 2,
};
