project = "Evidence"
version = release = "1"
copyright = "2026, Authors"
extensions = ["myst_parser", "medkb.bibcheck"]
bibtex_bibfiles = ["refs.bib"]
