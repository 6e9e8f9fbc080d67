extensions = [
    "myst_parser",
    "sphinxcontrib.bibtex",
    "medkb.bibcheck",
    "medkb.reachable",
]
bibtex_bibfiles = ["refs.bib"]
