extensions = [
    "myst_parser",
    "sphinxcontrib.bibtex",
    "medkb.citations",
    "medkb.indexed_citations",
]
myst_enable_extensions = ["colon_fence"]
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "medkb"
bibtex_reference_style = "author_year"
suppress_warnings = ["bibtex.duplicate_citation", "bibtex.duplicate_label"]
