"""Sphinx configuration of the fibromyalgia and headache knowledge base."""

from medkb import __version__

project = "Fibromyalgia and Headache Knowledge Base"
author = "the knowledge base contributors"
copyright = "2026, the knowledge base contributors"
language = "en"
version = release = __version__

extensions = [
    "myst_parser",
    "sphinxcontrib.bibtex",
    "sphinxext.opengraph",
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

# -- HTML ------------------------------------------------------------------
html_theme = "furo"
html_title = "Fibromyalgia and Headache"

# -- Other formats -----------------------------------------------------------
epub_show_urls = "no"
latex_documents = [
    ("index", "fibro-headache-kb.tex", project, author, "manual"),
]
man_pages = [("index", "fibro-headache-kb", project, [author], 7)]

# -- OpenGraph ---------------------------------------------------------------
# Read the Docs gives the canonical URL; social card images need matplotlib.
ogp_social_cards = {"enable": False}
