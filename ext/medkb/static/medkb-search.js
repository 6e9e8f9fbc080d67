/*
 * The site's search, for readers who type as they speak: a misspelt word is
 * matched to the nearest word the pages use ("migrane" -> "migraine"), an
 * everyday word to the words the pages use ("painkillers" -> "pain
 * medicine"), and when no page holds every word the pages holding most of
 * them are listed. A page whose title holds the words comes first, then its
 * description, then its headings, then its text.
 *
 * It runs on Sphinx's search page, after searchtools.js, and answers from
 * Sphinx's index (searchindex.js) and medkb's word list (medkb-search-data.js,
 * written by medkb.search_ranking). It replaces Search.query only when the
 * parts of searchtools.js it uses are there; otherwise, or if it fails,
 * Sphinx's own search answers.
 */
"use strict";

const MedkbSearch = (() => {
  // What a word found in each part of a page is worth.
  const TITLE = 4;
  const DESCRIPTION = 3;
  const HEADING = 2;
  const TEXT = 1;
  // A reader's own word counts for more than a word it led to.
  const SYNONYM = 0.9;
  const PREFIX = 0.5;
  // The share of pages above which a word is common.
  const COMMON = 1 / 2;

  const data = window.medkbSearchData || {};
  const messages = data.messages || {};
  let site = null; // worked out from the index once, on the first search

  const fold = (word) => word.normalize("NFD").replace(/\p{Diacritic}/gu, "");
  const words = (text) => splitQuery(text.toLowerCase());
  const files = (value) =>
    value === undefined ? [] : Array.isArray(value) ? value : [value];

  // Sphinx's stop words, also without the apostrophe readers often leave
  // out, so that common words never decide a result.
  const ignored = (() => {
    const all = new Set(stopwords);
    stopwords.forEach((word) => all.add(word.replace(/'/g, "")));
    return all;
  })();
  const counts = (word) => !ignored.has(word) && !/^\d+$/.test(word);

  const stemmer = new Stemmer();
  const stems = new Map();
  const stem = (word) => {
    if (!stems.has(word)) stems.set(word, stemmer.stemWord(word));
    return stems.get(word);
  };
  const stemsOf = (text) => words(text).filter(counts).map(stem);

  const prepare = () => {
    const index = Search._index;
    const byTitle = new Map(); // stem -> files whose title holds it
    const byDescription = new Map();
    const titleSize = [];
    const add = (map, key, file) => {
      if (!map.has(key)) map.set(key, new Set());
      map.get(key).add(file);
    };
    index.titles.forEach((title, file) => {
      const own = new Set(stemsOf(title));
      own.forEach((s) => add(byTitle, s, file));
      titleSize[file] = own.size;
    });
    const descriptions = data.descriptions || {};
    index.docnames.forEach((docname, file) => {
      stemsOf(descriptions[docname] || "").forEach((s) =>
        add(byDescription, s, file),
      );
    });
    // Each page's headings with their anchors, to link a heading match.
    const headings = new Map();
    for (const [title, places] of Object.entries(index.alltitles || {})) {
      const own = new Set(stemsOf(title));
      for (const [file, id] of places) {
        if (id === null || index.titles[file] === title) continue;
        if (!headings.has(file)) headings.set(file, []);
        headings.get(file).push({ title, id, stems: own });
      }
    }
    const synonyms = new Map(); // the stems a reader types -> what they mean
    for (const [phrase, meanings] of Object.entries(data.synonyms || {})) {
      const key = stemsOf(phrase).join(" ");
      if (!key) continue;
      if (!synonyms.has(key)) synonyms.set(key, new Set());
      meanings.forEach((meaning) => synonyms.get(key).add(meaning));
    }
    const longestSynonym = Math.max(
      0,
      ...[...synonyms.keys()].map((key) => key.split(" ").length),
    );
    const known = data.words || [];
    const folded = known.map(fold);
    return {
      index,
      byTitle,
      byDescription,
      titleSize,
      headings,
      synonyms,
      longestSynonym,
      known,
      folded,
      count: index.docnames.length,
      lists: new Set(data.lists || []),
    };
  };

  // Where a page holds a word: its best part (for the order of pages) and
  // the sum of the parts' worth (for the score), as a word in a page's title,
  // description and headings says more than a word in its title alone.
  const held = (best, sum) => ({ best, sum });
  const better = (a, b) => (!b || a.sum > b.sum ? a : b);

  // file -> where the page holds the stem.
  const postings = (s) => {
    const found = new Map();
    const mark = (list, part) =>
      list.forEach((file) => {
        const was = found.get(file);
        found.set(file, held(Math.max(was ? was.best : 0, part), (was ? was.sum : 0) + part));
      });
    mark(files(site.index.terms[s]), TEXT);
    mark(files(site.index.titleterms[s]), HEADING);
    mark([...(site.byDescription.get(s) || [])], DESCRIPTION);
    mark([...(site.byTitle.get(s) || [])], TITLE);
    return found;
  };
  const inIndex = (s) =>
    Object.hasOwn(site.index.terms, s)
    || Object.hasOwn(site.index.titleterms, s)
    || site.byTitle.has(s)
    || site.byDescription.has(s);

  // Pages holding every stem of a phrase, each as weakly as its weakest stem.
  const phrasePostings = (phraseStems) => {
    let result = null;
    for (const s of phraseStems) {
      const found = postings(s);
      if (result === null) result = found;
      else {
        for (const [file, where] of result) {
          const also = found.get(file);
          if (!also) result.delete(file);
          else
            result.set(
              file,
              held(Math.min(where.best, also.best), Math.min(where.sum, also.sum)),
            );
        }
      }
    }
    return result || new Map();
  };

  const prefixPostings = (s) => {
    const found = new Map();
    const terms = new Set([
      ...Object.keys(site.index.terms),
      ...Object.keys(site.index.titleterms),
    ]);
    for (const term of terms) {
      if (term.length > s.length && term.startsWith(s)) {
        for (const [file, where] of postings(term))
          found.set(file, better(where, found.get(file)));
      }
    }
    return found;
  };

  // Optimal string alignment distance, giving up beyond *most*.
  const distance = (a, b, most) => {
    if (Math.abs(a.length - b.length) > most) return most + 1;
    let before = null;
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      const current = [i];
      let smallest = i;
      for (let j = 1; j <= b.length; j++) {
        const cost = a[i - 1] === b[j - 1] ? 0 : 1;
        let value = Math.min(
          previous[j] + 1,
          current[j - 1] + 1,
          previous[j - 1] + cost,
        );
        if (
          before
          && i > 1
          && j > 1
          && a[i - 1] === b[j - 2]
          && a[i - 2] === b[j - 1]
        )
          value = Math.min(value, before[j - 2] + 1);
        current.push(value);
        smallest = Math.min(smallest, value);
      }
      if (smallest > most) return most + 1;
      before = previous;
      previous = current;
    }
    return previous[b.length];
  };
  // Edits allowed: none below 4 letters, one up to 6, two beyond.
  const editsFor = (word) => (word.length < 4 ? 0 : word.length <= 6 ? 1 : 2);

  // A word only pages' text holds, no title, description or heading: when a
  // near word is on far more pages, more likely a slip ("migrane" in an
  // example) than what a reader meant.
  const rare = (found) => [...found.values()].every((where) => where.best === TEXT);
  // How many times more pages a near word must have to replace a rare one.
  const FAR_MORE = 10;

  // The word of the pages nearest to *word*, or null. Accents do not count,
  // then the fewest edits win, then the word more pages use. A word the pages
  // hold (*own*) gives way only to a word far more pages hold.
  const nearest = (word, own) => {
    const target = fold(word);
    const most = editsFor(target);
    const self = stem(word);
    let best = null;
    site.folded.forEach((candidate, n) => {
      if (Math.abs(candidate.length - target.length) > most) return;
      const edits = candidate === target ? 0 : distance(target, candidate, most);
      if (edits > most) return;
      // A word of the pages, or one a synonym leads from ("tylenol").
      const s = stem(site.known[n]);
      if (s === self) return;
      const pages = postings(s).size || (site.synonyms.has(s) ? 1 : 0);
      if (!pages || (own && pages < FAR_MORE * own.size)) return;
      if (
        best === null
        || edits < best.edits
        || (edits === best.edits && pages > best.pages)
      )
        best = { word: site.known[n], edits, pages };
    });
    return best && best.word;
  };

  // The reader's query as concepts: each a word (or a synonym's phrase) with
  // the ways a page may hold it.
  const parse = (query, exact) => {
    const tokens = words(query);
    const concepts = [];
    const corrections = [];
    const widened = [];
    let i = 0;
    while (i < tokens.length) {
      // The longest run of words that is a synonym, such as "the pill".
      let matched = null;
      for (let n = Math.min(site.longestSynonym, tokens.length - i); n > 0; n--) {
        const run = tokens.slice(i, i + n);
        if (!counts(run[0]) || !counts(run[run.length - 1])) continue;
        const key = run.filter(counts).map(stem).join(" ");
        if (key && site.synonyms.has(key)) {
          matched = { run, key };
          break;
        }
      }
      if (matched) {
        const own = matched.run.filter(counts).map(stem);
        const meanings = [...site.synonyms.get(matched.key)];
        concepts.push({
          label: matched.run.join(" "),
          ways: [
            { stems: own, worth: 1 },
            ...meanings.map((m) => ({ stems: stemsOf(m), worth: SYNONYM })),
          ],
          highlight: [...matched.run.filter(counts), ...meanings],
        });
        widened.push(...meanings);
        i += matched.run.length;
        continue;
      }
      const token = tokens[i++];
      if (!counts(token)) continue;
      const s = stem(token);
      const concept = { label: token, ways: [], highlight: [token] };
      const own = inIndex(s) ? postings(s) : null;
      if (own) concept.ways.push({ stems: [s], worth: 1 });
      else if (token.length >= 4 && prefixPostings(s).size)
        concept.ways.push({ stems: [s], worth: PREFIX, prefix: true });
      if (!exact && (!concept.ways.length || (own && rare(own)))) {
        const better = nearest(token, own);
        if (better) {
          const meanings = [...(site.synonyms.get(stem(better)) || [])];
          concept.ways.unshift({ stems: [stem(better)], worth: 1 });
          meanings.forEach((m) =>
            concept.ways.push({ stems: stemsOf(m), worth: SYNONYM }),
          );
          concept.highlight = [better, ...meanings];
          corrections.push([token, better]);
          widened.push(...meanings);
        }
      }
      concepts.push(concept);
    }
    return { tokens, concepts, corrections, widened };
  };

  // file -> where the page holds the concept, and what that way is worth.
  const conceptPostings = (concept) => {
    const found = new Map();
    for (const way of concept.ways) {
      const pages = way.prefix
        ? prefixPostings(way.stems[0])
        : phrasePostings(way.stems);
      for (const [file, where] of pages) {
        const was = found.get(file);
        if (!was || where.sum * way.worth > was.sum * was.worth)
          found.set(file, { ...where, worth: way.worth });
      }
    }
    return found;
  };

  const isSection = (docname) => docname === "index" || docname.endsWith("/index");

  const rank = (concepts) => {
    const holding = concepts.map(conceptPostings);
    const rarity = holding.map((found) =>
      Math.log((site.count + 1) / (found.size + 0.5)),
    );
    // A word more than half the pages hold ("pain", "take" here) adds to a
    // page's score but does not decide which pages are listed, unless every
    // word does.
    const common = holding.map((found) => found.size > site.count * COMMON);
    const deciding = common.every(Boolean) ? common.map(() => true) : common.map((c) => !c);
    const needed = deciding.filter(Boolean).length;
    const pages = new Map();
    holding.forEach((found, c) => {
      for (const [file, { best, sum, worth }] of found) {
        if (!pages.has(file))
          pages.set(file, { file, holds: 0, score: 0, weakest: TITLE, parts: 0 });
        const page = pages.get(file);
        if (deciding[c]) page.holds += 1;
        page.parts += 1;
        page.score += sum * worth * rarity[c];
        // The part of the page that holds every word: its title, or less.
        page.weakest = Math.min(page.weakest, best);
      }
    });
    // A page that lacks a word holds it in no part.
    for (const page of pages.values())
      if (page.parts < concepts.length) page.weakest = 0;
    const all = [...pages.values()].filter((p) => p.holds > 0);
    const complete = all.filter((p) => p.holds === needed).length;
    // Pages holding all the deciding words but one follow the pages holding
    // all, for questions of three words or more; with none holding all, every
    // page holding one is listed, most words first.
    const least = complete === 0 ? 1 : needed >= 3 ? needed - 1 : needed;
    const listed = all.filter((p) => p.holds >= least);
    const coverage = (page) =>
      page.weakest >= TITLE ? page.parts / Math.max(site.titleSize[page.file], 1) : 0;
    const docname = (page) => site.index.docnames[page.file];
    // A glossary or the list of every source comes after the pages holding
    // as many of the words: it explains them, it does not answer.
    const list = (page) => (site.lists.has(docname(page)) ? 1 : 0);
    listed.sort(
      (a, b) =>
        b.holds - a.holds
        || list(a) - list(b)
        || b.weakest - a.weakest
        || coverage(b) - coverage(a)
        || (b.weakest >= TITLE && isSection(docname(b)))
          - (a.weakest >= TITLE && isSection(docname(a)))
        || b.score - a.score
        || site.index.titles[a.file].localeCompare(site.index.titles[b.file]),
    );
    return { listed, complete: Math.min(complete, listed.length) };
  };

  // Where a result links: the heading holding every word when the page's
  // title does not, else the page.
  const place = (page, concepts) => {
    const title = site.index.titles[page.file];
    if (page.weakest !== HEADING) return [title, ""];
    const heading = (site.headings.get(page.file) || []).find((h) =>
      concepts.every((concept) =>
        concept.ways.some((way) => way.stems.every((s) => h.stems.has(s))),
      ),
    );
    return heading ? [`${title} > ${heading.title}`, `#${heading.id}`] : [title, ""];
  };

  const template = (key) => messages[key] || key;
  const say = (key, values = {}) =>
    template(key).replace(/\{(\w+)\}/g, (_, name) => values[name] ?? "");

  const note = (className, ...parts) => {
    const paragraph = document.createElement("p");
    paragraph.classList.add("medkb-search-note", className);
    paragraph.append(...parts);
    return paragraph;
  };

  const explain = (parsed, ranked, missing, query) => {
    const notes = [];
    if (parsed.corrections.length) {
      const corrected = parsed.tokens
        .map((token) => {
          const pair = parsed.corrections.find(([from]) => from === token);
          return pair ? pair[1] : token;
        })
        .join(" ");
      const strong = document.createElement("strong");
      strong.textContent = corrected;
      const [before, after] = template("Showing results for {words}.").split("{words}");
      const link = document.createElement("a");
      const url = new URL(window.location.href);
      url.searchParams.set("q", query);
      url.searchParams.set("exact", "1");
      link.href = url.search;
      link.textContent = query;
      const [ask, rest] = template("Search instead for {words}").split("{words}");
      notes.push(
        note("medkb-search-corrected", before, strong, after, " ", ask, link, rest),
      );
    }
    if (parsed.widened.length)
      notes.push(
        note(
          "medkb-search-widened",
          say("Also searching for: {words}.", {
            words: [...new Set(parsed.widened)].join(", "),
          }),
        ),
      );
    if (!ranked.listed.length) return notes;
    if (missing || ranked.complete === 0)
      notes.push(
        note(
          "medkb-search-partial",
          say(
            "No page holds all of these words; the pages below hold the most of them.",
          ),
        ),
      );
    else if (ranked.complete < ranked.listed.length)
      notes.push(
        note(
          "medkb-search-partial",
          say(
            "The first {count} pages hold all of these words; the others hold all but one.",
            { count: ranked.complete },
          ),
        ),
      );
    return notes;
  };

  // The pages answering *query*, best first, with how the query was read.
  const results = (query, exact = false) => {
    if (site === null) site = prepare();
    const parsed = parse(query, exact);
    const wanted = parsed.concepts.filter((concept) => concept.ways.length);
    const ranked = wanted.length
      ? rank(wanted)
      : { listed: [], complete: 0 };
    // A word no page holds leaves the others to answer, and says so.
    const missing = wanted.length < parsed.concepts.length;
    return { parsed, wanted, ranked, missing };
  };

  const query = (query) => {
    const exact = new URLSearchParams(window.location.search).get("exact") === "1";
    const { parsed, wanted, ranked, missing } = results(query, exact);
    const shown = ranked.listed.map((page) => {
      const [title, anchor] = place(page, wanted);
      return [
        site.index.docnames[page.file],
        title,
        anchor,
        null,
        page.score,
        site.index.filenames[page.file],
        page.weakest >= TITLE ? SearchResultKind.title : SearchResultKind.text,
      ];
    });
    const highlight = [...new Set(wanted.flatMap((c) => c.highlight))];
    if (typeof SPHINX_HIGHLIGHT_ENABLED !== "undefined" && SPHINX_HIGHLIGHT_ENABLED)
      localStorage.setItem("sphinx_highlight_terms", highlight.join(" "));
    _removeChildren(document.getElementById("search-progress"));
    Search.status.after(...explain(parsed, ranked, missing, query));
    // Sphinx shows the last result first.
    _displayNextItem(shown.reverse(), shown.length, highlight, highlight);
  };

  return { query, results };
})();

// Only when searchtools.js has the parts used above (Sphinx 7.3 and later).
if (
  typeof Search === "object"
  && typeof Search.query === "function"
  && typeof _displayNextItem === "function"
  && typeof _removeChildren === "function"
  && typeof splitQuery === "function"
  && typeof Stemmer === "function"
  && typeof SearchResultKind === "function"
) {
  const sphinxQuery = Search.query;
  // A result's summary quotes the page's own text, as the index reads it:
  // not the boxes every page shows (disclaimer, review box, print header).
  if (typeof Search.htmlToText === "function") {
    const sphinxText = Search.htmlToText;
    Search.htmlToText = (htmlString, anchor) => {
      const page = new DOMParser().parseFromString(htmlString, "text/html");
      page.querySelectorAll(".no-search").forEach((box) => box.remove());
      return sphinxText(page.documentElement.outerHTML, anchor);
    };
  }
  Search.query = (query) => {
    try {
      MedkbSearch.query(query);
    } catch (error) {
      console.error("medkb search failed; Sphinx's search answers instead", error);
      sphinxQuery(query);
    }
  };
}
