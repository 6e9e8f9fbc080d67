/* Citation previews (medkb.citation_previews).

   Hovering, focusing or tapping a citation shows its reference, as the page's
   own reference list gives it, in a small card beside the citation. The card
   meets WCAG 2.2 SC 1.4.13: Escape hides it without moving focus; it stays
   while the pointer is over the citation or the card, and until it is
   dismissed or focus moves on. On a touch screen a tap opens it, and a second
   tap or a tap elsewhere closes it. Each citation is described by its card
   (aria-describedby), so screen readers hear the reference. Without this
   script, a citation is a link to the reference list. */
(() => {
  "use strict";

  const CARD_CLASS = "medkb-cite-card";
  // Time to move the pointer from a citation onto its card.
  const HIDE_DELAY_MS = 300;

  let shown = null; // {link, card} of the card on screen
  let hovered = false; // the pointer is over the shown citation or its card
  let hideTimer = 0;
  let tapping = null; // the citation a touch is pressing

  function referenceOf(link) {
    const id = decodeURIComponent(link.hash.slice(1));
    const entry = id && document.getElementById(id);
    if (!entry || !entry.classList.contains("citation")) {
      return null;
    }
    return entry.querySelector(":scope > p");
  }

  function makeCard(entryId, reference) {
    const card = document.createElement("div");
    card.className = CARD_CLASS;
    card.id = `medkb-card-${entryId}`;
    card.setAttribute("role", "tooltip");
    card.hidden = true;
    const copy = reference.cloneNode(true);
    // The list keeps the ids; a copy with them would repeat them.
    for (const element of [copy, ...copy.querySelectorAll("[id]")]) {
      element.removeAttribute("id");
    }
    card.append(copy);
    card.addEventListener("pointerenter", () => {
      hovered = true;
      clearTimeout(hideTimer);
    });
    card.addEventListener("pointerleave", (event) => {
      if (event.pointerType === "mouse" || event.pointerType === "pen") {
        hovered = false;
        hideSoon();
      }
    });
    document.body.append(card);
    return card;
  }

  function place(link, card) {
    const margin = 8;
    const gap = 4;
    const anchor = link.getBoundingClientRect();
    const box = card.getBoundingClientRect();
    const width = document.documentElement.clientWidth;
    let left = Math.min(anchor.left, width - box.width - margin);
    left = Math.max(margin, left);
    let top = anchor.bottom + gap;
    // Above the citation when it does not fit below and does above.
    if (top + box.height > window.innerHeight && anchor.top - gap > box.height) {
      top = anchor.top - gap - box.height;
    }
    card.style.left = `${left + window.scrollX}px`;
    card.style.top = `${top + window.scrollY}px`;
  }

  function show(link, card) {
    clearTimeout(hideTimer);
    if (shown && shown.card !== card) {
      hide();
    }
    shown = { link, card };
    card.hidden = false;
    place(link, card);
  }

  function hide() {
    clearTimeout(hideTimer);
    if (shown) {
      shown.card.hidden = true;
      shown = null;
    }
    hovered = false;
  }

  function hideSoon() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(() => {
      if (shown && !hovered && document.activeElement !== shown.link) {
        hide();
      }
    }, HIDE_DELAY_MS);
  }

  function enhance(link, card) {
    // The browser's own tooltip could not be dismissed, and says it twice.
    link.removeAttribute("title");
    link.setAttribute("aria-describedby", card.id);
    link.addEventListener("pointerenter", (event) => {
      if (event.pointerType === "mouse" || event.pointerType === "pen") {
        hovered = true;
        show(link, card);
      }
    });
    link.addEventListener("pointerleave", (event) => {
      if (event.pointerType === "mouse" || event.pointerType === "pen") {
        hovered = false;
        hideSoon();
      }
    });
    link.addEventListener("pointerdown", (event) => {
      tapping = event.pointerType === "touch" ? link : null;
    });
    link.addEventListener("focus", () => {
      // A tap focuses the link too; the tap itself decides (click, below).
      if (tapping !== link) {
        show(link, card);
      }
    });
    link.addEventListener("blur", (event) => {
      if (shown && shown.link === link && !hovered) {
        if (!card.contains(event.relatedTarget)) {
          hide();
        }
      }
    });
    link.addEventListener("click", (event) => {
      if (tapping !== link) {
        return; // a mouse or the keyboard follows the link to the list
      }
      tapping = null;
      event.preventDefault();
      if (shown && shown.link === link) {
        hide();
      } else {
        show(link, card);
      }
    });
  }

  function start() {
    const cards = new Map();
    for (const link of document.querySelectorAll(".bibtex-citation a[href^='#']")) {
      const reference = referenceOf(link);
      if (!reference) {
        continue;
      }
      const entryId = reference.parentElement.id;
      if (!cards.has(entryId)) {
        cards.set(entryId, makeCard(entryId, reference));
      }
      enhance(link, cards.get(entryId));
    }
    if (cards.size === 0) {
      return;
    }
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && shown) {
        hide(); // focus stays where it is
      }
    });
    // A tap or a click anywhere else closes the card.
    document.addEventListener("pointerdown", (event) => {
      if (
        shown &&
        !shown.card.contains(event.target) &&
        !shown.link.contains(event.target)
      ) {
        hide();
      }
    });
    window.addEventListener("resize", () => {
      if (shown) {
        place(shown.link, shown.card);
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
