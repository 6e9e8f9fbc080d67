project = "Medicine warnings"
version = release = "1"
copyright = "2026, Authors"
extensions = ["myst_parser", "sphinxcontrib.bibtex", "medkb.medicine_warnings"]
bibtex_bibfiles = ["refs.bib"]
suppress_warnings = ["bibtex.duplicate_citation"]
html_theme = "basic"
