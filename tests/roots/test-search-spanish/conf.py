project = "Búsqueda"
version = release = "1"
copyright = "2026, Authors"
language = "es"
extensions = ["myst_parser", "medkb.search_ranking"]
html_theme = "basic"
medkb_search_synonyms_file = "sinonimos.txt"
