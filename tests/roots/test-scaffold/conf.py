extensions = [
    "myst_parser",
    "sphinxcontrib.bibtex",
    "medkb.review",
    "medkb.reachable",
]
bibtex_bibfiles = ["refs.bib"]
