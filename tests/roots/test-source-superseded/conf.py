project = "Superseded"
version = release = "1"
copyright = "2026, Authors"
extensions = ["myst_parser", "medkb.bibcheck", "medkb.source_currency"]
bibtex_bibfiles = ["refs.bib"]
suppress_warnings = ["bibtex.duplicate_citation"]
