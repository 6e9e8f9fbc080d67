extensions = ["myst_parser", "sphinxcontrib.bibtex", "medkb.accessible_html"]
bibtex_bibfiles = ["refs.bib"]
# furo wraps every table in a container that scrolls on narrow screens.
html_theme = "furo"
