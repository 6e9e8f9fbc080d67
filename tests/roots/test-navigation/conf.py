extensions = ["myst_parser", "medkb.sidebar_cache"]
html_theme = "furo"
