extensions = [
    "myst_parser",
    "sphinxcontrib.bibtex",
    "sphinx_sitemap",
    "medkb.citations",
    "medkb.exact_rebuilds",
    "medkb.complete_sitemap",
    "medkb.indexed_citations",
    "medkb.medicines",
    "medkb.warning_signs",
    "medkb.search_ranking",
]
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "medkb"
bibtex_reference_style = "author_year"
suppress_warnings = ["bibtex.duplicate_citation"]
html_baseurl = "https://kb.example.org/en/latest/"
sitemap_url_scheme = "{link}"
medkb_warning_signs_file = "_data/warning-signs.yaml"
