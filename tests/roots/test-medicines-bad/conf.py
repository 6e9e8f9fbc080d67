project = "Medicines"
version = release = "1"
copyright = "2026, Authors"
extensions = ["myst_parser", "sphinxcontrib.bibtex", "medkb.medicines"]
bibtex_bibfiles = ["refs.bib"]
suppress_warnings = ["bibtex.duplicate_citation"]
html_theme = "basic"
medkb_medicine_mentions_exempt = ["glossary"]
