project = "Moved pages"
version = release = "1"
copyright = "2026, Authors"
extensions = ["myst_parser", "sphinx_reredirects", "medkb.moved_pages"]
medkb_published_pages_file = "published-pages.txt"
# treatments/botox was copied to its new name, and the old page kept.
redirects = {"treatments/botox": "botox-trigger-points.html"}
