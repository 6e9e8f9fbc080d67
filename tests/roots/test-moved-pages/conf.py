project = "Moved pages"
version = release = "1"
copyright = "2026, Authors"
extensions = ["myst_parser", "sphinx_reredirects", "medkb.moved_pages"]
medkb_published_pages_file = "published-pages.txt"
# One page moved within its folder, one moved from the top into a folder.
redirects = {
    "treatments/botox": "botox-trigger-points.html",
    "migraine": "headache/migraine.html",
}
