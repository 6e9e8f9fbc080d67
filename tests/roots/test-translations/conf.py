project = "Translations"
version = release = "1"
copyright = "2026, Authors"
language = "en"
extensions = [
    "myst_parser",
    "sphinx_sitemap",
    "notfound.extension",
    "medkb.disclaimer",
    "medkb.review",
    "medkb.description",
    "medkb.translations",
]
html_theme = "basic"
html_baseurl = "https://example.org/en/latest/"
sitemap_url_scheme = "{link}"
locale_dirs = ["locales/"]
gettext_compact = False
gettext_location = False
translation_progress_classes = True
medkb_languages = {"en": "English", "es": "Español"}
medkb_translations_file = "translations.yaml"
medkb_edition_names = {
    "es": {"project": "Traducciones", "html_title": "Notas sobre el dolor de cabeza"}
}
medkb_not_found = True
medkb_disclaimer_snippet = "_snippets/disclaimer.md"
exclude_patterns = ["_build", "_snippets"]
latex_documents = [("index", "translations.tex", "Translations", "Authors", "manual")]
