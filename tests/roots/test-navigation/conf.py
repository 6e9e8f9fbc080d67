extensions = ["myst_parser", "medkb.navigation"]
html_theme = "furo"
