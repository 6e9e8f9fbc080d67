project = "Search words"
version = release = "1"
copyright = "2026, Authors"
extensions = [
    "myst_parser",
    "sphinxcontrib.bibtex",
    "medkb.disclaimer",
    "medkb.search_ranking",
]
bibtex_bibfiles = ["refs.bib"]
suppress_warnings = ["bibtex.duplicate_citation"]
html_theme = "basic"
medkb_disclaimer_snippet = "notice.md"
medkb_search_synonyms_file = "_data/synonyms.txt"
