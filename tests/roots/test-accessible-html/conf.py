extensions = [
    "myst_parser",
    "sphinx_design",
    "sphinxcontrib.bibtex",
    "medkb.accessible_html",
]
myst_enable_extensions = ["colon_fence"]
bibtex_bibfiles = ["refs.bib"]
# furo wraps every table in a container that scrolls on narrow screens.
html_theme = "furo"
