project = "Moved pages"
version = release = "1"
copyright = "2026, Authors"
extensions = ["myst_parser", "sphinx_reredirects", "medkb.moved_pages"]
medkb_published_pages_file = "published-pages.txt"
redirects = {
    # A typo in the new name.
    "treatments/botox": "botox-trigger-point.html",
    # From the site's top folder, a leading '/' leads to the server's root.
    "migraine": "/headache/migraine.html",
}
