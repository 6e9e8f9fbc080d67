extensions = ["medkb.disclaimer", "sphinxext.opengraph"]
medkb_disclaimer_snippet = "notice.md"
ogp_site_url = "https://example.org/"
