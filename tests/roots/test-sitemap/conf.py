extensions = ["myst_parser", "sphinx_sitemap", "medkb.complete_sitemap"]
html_baseurl = "https://kb.example.org/en/latest/"
sitemap_url_scheme = "{link}"
sitemap_excludes = ["drafts.html", "drafts/"]
