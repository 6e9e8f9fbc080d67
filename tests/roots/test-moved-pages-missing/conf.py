project = "Moved pages"
version = release = "1"
copyright = "2026, Authors"
extensions = ["myst_parser", "sphinx_reredirects", "medkb.moved_pages"]
medkb_published_pages_file = "_data/published-pages.txt"
# treatments/botox was renamed without a redirect.
redirects = {}
