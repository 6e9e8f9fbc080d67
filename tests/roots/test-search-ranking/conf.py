project = "Ranking"
version = release = "1"
copyright = "2026, Authors"
extensions = ["myst_parser", "medkb.disclaimer", "medkb.search_ranking"]
html_theme = "basic"
medkb_disclaimer_snippet = "notice.md"
