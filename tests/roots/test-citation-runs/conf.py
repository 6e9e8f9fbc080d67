extensions = [
    "myst_parser",
    "sphinxcontrib.bibtex",
    "medkb.citations",
    "medkb.citation_runs",
]
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "medkb"
bibtex_reference_style = "author_year"
