project = "Disclaimer test"
copyright = "2026, the authors"
version = release = "1.0"
extensions = ["medkb.disclaimer"]
medkb_disclaimer_exempt = ["disclaimer"]
exclude_patterns = ["_build"]
