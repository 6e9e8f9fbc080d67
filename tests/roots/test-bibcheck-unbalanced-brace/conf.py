extensions = ["myst_parser", "sphinxcontrib.bibtex", "medkb.bibcheck"]
bibtex_bibfiles = ["refs.bib"]
