"""Sphinx configuration of the fibromyalgia and headache knowledge base."""

import os

from medkb import __version__

project = "Fibromyalgia and Headache Knowledge Base"
author = "the knowledge base contributors"
copyright = "2026, the knowledge base contributors"
# Read the Docs builds each edition in its project's language (the Spanish
# edition is a second project, linked as a translation); locally, pass
# -D language=es (python3 -m tox -e docs-es).
language = os.environ.get("READTHEDOCS_LANGUAGE", "en")

# -- Translations ------------------------------------------------------------
# The Spanish edition: `python3 -m tox -e translations` updates one catalog per
# page under locales/es/LC_MESSAGES/, `python3 -m tox -e docs-es` builds it.
# One catalog per page, so a page's translation status is its own catalog's.
locale_dirs = ["locales/"]
gettext_compact = False
# No file:line comments: an edit would otherwise touch every message below it.
gettext_location = False
# Untranslated paragraphs (a changed English paragraph falls back to English)
# get the class "untranslated", so the page can mark them for its reader.
translation_progress_classes = True
# The editions, each named in its own language: every page links to its
# counterpart in the other (medkb.translations). A Spanish build of this
# configuration takes the address /es/latest/ in place of /en/latest/.
medkb_languages = {"en": "English", "es": "Español"}
# The site's names in the Spanish edition.
medkb_edition_names = {
    "es": {
        "project": "Base de conocimientos sobre fibromialgia y dolor de cabeza",
        "html_title": "Fibromialgia y dolor de cabeza",
    }
}
# For each translated page: the English review it follows, and when it was
# checked against the English page; checked by every build.
medkb_translations_file = "_data/translations.yaml"
version = release = __version__

extensions = [
    "myst_parser",
    "sphinxcontrib.bibtex",
    "sphinxext.opengraph",
    "sphinx_design",
    "sphinx_sitemap",
    "notfound.extension",
    "sphinx_reredirects",
    "medkb",
]
exclude_patterns = ["_build"]
# Fail on every reference Sphinx cannot resolve, not only on missing pages.
nitpicky = True

# -- MyST ------------------------------------------------------------------
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

# -- Citations -------------------------------------------------------------
bibtex_bibfiles = ["refs.bib"]
# Author-year labels (medkb.citations), sorted by author and year.
bibtex_default_style = "medkb"
bibtex_reference_style = "author_year"
# Each page lists its own sources, so the same source is listed on many pages
# by design; a source listed twice on one page still warns
# (bibtex.duplicate_local_citation).
suppress_warnings = ["bibtex.duplicate_citation"]

# -- The medical disclaimer (medkb.disclaimer) -----------------------------
medkb_disclaimer_snippet = "_snippets/disclaimer.md"
medkb_disclaimer_style = "caution"
medkb_disclaimer_title = "Medical disclaimer"
# The full disclaimer page says it all; it opts out in its front matter too.
medkb_disclaimer_exempt = ["disclaimer"]

# -- Review dates (medkb.review) ------------------------------------------
# Each page's review status links to the page that explains the checks.
medkb_review_policy_page = "reference/how-content-is-reviewed"

# -- Safety as checked data ---------------------------------------------------
# Medicine entries live in docs/medicines/ (medkb.medicines); the glossary may
# name a medicine without linking it.
medkb_medicines_folder = "medicines"
# The corrections page says what changed on which page; the page it links to
# carries the link to each medicine.
medkb_medicine_mentions_exempt = [
    "reference/glossary",
    "reference/contributing",
    "reference/corrections",
]
# The site's one list of warning signs (medkb.warning_signs): every headache
# page shows it.
medkb_warning_signs_file = "_data/warning-signs.yaml"
medkb_warning_signs_required = {"headache": ["headache/*"]}
# Clinicians who may review pages (medkb.reviewers). None is registered yet.
medkb_reviewers_file = "_data/reviewers.yaml"
medkb_reviewers_page = "reference/reviewers"
# Each correction to a page, newest first (medkb.corrections); a corrected
# page's review box links to its entry.
medkb_corrections_file = "_data/corrections.yaml"
medkb_corrections_page = "reference/corrections"
# Everyday words readers search for, and the words the pages use for them
# (medkb.search_synonyms); medicine and glossary names count without a line.
medkb_search_synonyms_file = "_data/search-synonyms.txt"
# Pages about the site itself, whose numbers are not medical claims.
medkb_uncited_numbers_exempt = ["reference/performance", "reference/contributing"]

# -- Moved pages (sphinx-reredirects, medkb.moved_pages) ----------------------
# A page that moves or is removed keeps its address: an entry here writes a
# page there that sends readers on. The target is the new page's address
# relative to the old page's folder, for example
#   redirects = {"treatments/botox": "botox-trigger-points.html",
#                "migraine": "headache/migraine.html"}
# The build fails when a page on the last release's list is gone without one.
redirects: dict[str, str] = {}
medkb_published_pages_file = "_data/published-pages.txt"

# -- Where the site lives ----------------------------------------------------
# Read the Docs gives each build its address (for example .../en/latest/);
# local builds use the project's own address there. Canonical links, the
# sitemap, OpenGraph URLs and the 404 page's links all follow from it.
html_baseurl = os.environ.get(
    "READTHEDOCS_CANONICAL_URL", "https://fibro-headache-kb.readthedocs.io/en/latest/"
)

# -- HTML ------------------------------------------------------------------
html_theme = "furo"
html_title = "Fibromyalgia and Headache"
html_theme_options = {
    # A calm teal for links and the brand; both palettes keep normal text at
    # WCAG AA contrast or better (checked by the axe audit in tox -e browser).
    "light_css_variables": {
        "color-brand-primary": "#00686b",
        "color-brand-content": "#00686b",
        "color-brand-visited": "#6a3d9a",
    },
    "dark_css_variables": {
        "color-brand-primary": "#5fd3d6",
        "color-brand-content": "#5fd3d6",
        "color-brand-visited": "#c6a7f0",
    },
}

# -- Findability: sitemap and 404 page ---------------------------------------
# Page URLs in the sitemap are html_baseurl + page, as Read the Docs serves them.
sitemap_url_scheme = "{link}"
# Missing pages get the site's 404 page at any depth; its links and styles are
# absolute under the build's path on Read the Docs (/en/latest/ locally).
# medkb writes the 404 page in the build's language, with its links under
# html_baseurl's path (medkb.translations).
medkb_not_found = True

# -- Other formats -----------------------------------------------------------
epub_show_urls = "no"
latex_documents = [
    ("index", "fibro-headache-kb.tex", project, author, "manual"),
]
man_pages = [("index", "fibro-headache-kb", project, [author], 7)]

# -- OpenGraph ---------------------------------------------------------------
# og:url is the page's canonical address; og:description is the page's
# front-matter description (medkb.description). Social card images would need
# matplotlib and say nothing a reader needs.
ogp_site_url = html_baseurl
ogp_social_cards = {"enable": False}

# -- Link checking (tox -e linkcheck) ----------------------------------------
# The site's external links are 51 DOIs (https://doi.org/...), 34 PubMed records
# and 3 guideline pages. A report should list only links that are really gone,
# not servers that are slow, busy or wary of robots.
# A link that fails (a dropped connection, a 500, a 404) is tried twice more
# before it is reported broken. Sphinx reports a 503 as "ignored", never broken.
linkcheck_retries = 3
linkcheck_timeout = 30  # seconds per request
# A slow server is reported as "timeout", not "broken" (Sphinx 9's default).
linkcheck_report_timeouts_as_broken = False
# A 429 with Retry-After is always honoured; without it Sphinx waits 60 s, then
# doubles the wait, up to this cap, before it gives up on a host.
linkcheck_rate_limit_timeout = 300.0
# Nearly all links go to two hosts (doi.org, PubMed): few parallel requests
# keep them from rate-limiting us.
linkcheck_workers = 4
# The links name a record (a DOI, a PubMed id, a guidance page), never a place
# in one; publisher pages build their anchors with JavaScript, so an anchor
# check added later could only cry wolf.
linkcheck_anchors = False
# A DOI is checked as a DOI: doi.org answers 404 for one it does not know and
# sends a known one on to the publisher, wherever that is today. Any other
# redirect is a warning ("redirected", not broken): update that link.
linkcheck_allowed_redirects = {r"https://doi\.org/10\.\d{4,9}/.+": r"https://.+"}
# Publishers that answer automated checkers with 403 whatever the page. These
# patterns also stop a DOI's redirect to them: the DOI resolved, so it is
# reported "ignored" instead of "broken", and the publisher is not asked.
linkcheck_ignore = [
    # Wiley, and its journal subdomains (10.1111, 10.1002): bot wall.
    r"https://([a-z0-9-]+\.)?onlinelibrary\.wiley\.com/",
    # Cochrane reviews (10.1002/14651858), run by Wiley behind the same wall.
    r"https://www\.cochranelibrary\.com/",
    # JAMA (10.1001).
    r"https://jamanetwork\.com/",
    # Taylor & Francis (10.1080).
    r"https://www\.tandfonline\.com/",
]
