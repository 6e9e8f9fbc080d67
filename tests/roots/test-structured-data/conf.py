project = "Structured data"
version = release = "1"
copyright = "2026, Authors"
language = "en"
html_baseurl = "https://example.org/en/latest/"
extensions = [
    "myst_parser",
    "sphinxcontrib.bibtex",
    "medkb.citations",
    "medkb.review",
    "medkb.reviewers",
    "medkb.structured_data",
]
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "medkb"
bibtex_reference_style = "author_year"
medkb_reviewers_file = "_data/reviewers.yaml"
medkb_reviewers_page = "reviewers"
