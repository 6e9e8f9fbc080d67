project = "Corrections"
version = release = "1"
copyright = "2026, Authors"
extensions = ["myst_parser", "medkb.corrections"]
html_theme = "basic"
medkb_corrections_file = "_data/corrections.yaml"
medkb_corrections_page = "corrections"
