/*
 * "/" moves to the site's own search box, as Sphinx's pages offer, on every
 * page. On Read the Docs, its Hotkeys add-on takes "/" to open its own search,
 * which knows nothing of misspellings or everyday words; this listener runs
 * first (capture, on window) and keeps the key for the site's search. Where
 * the box is hidden (a phone's closed menu), "/" opens the search page.
 */
"use strict";

window.addEventListener(
  "keydown",
  (event) => {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
    const active = document.activeElement;
    if (
      active
      && (["INPUT", "TEXTAREA", "SELECT"].includes(active.tagName)
        || active.isContentEditable)
    )
      return;
    // On screen, not only laid out: a closed drawer keeps its box off screen.
    const box = [...document.querySelectorAll('input[name="q"]')].find((input) => {
      const place = input.getBoundingClientRect();
      return (
        place.width > 0
        && place.right > 0
        && place.left < window.innerWidth
        && getComputedStyle(input).visibility !== "hidden"
      );
    });
    const searchPage = document.querySelector('link[rel="search"]');
    if (!box && !searchPage) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    if (box) {
      box.focus();
      box.select();
    } else window.location.href = searchPage.href;
  },
  { capture: true },
);
