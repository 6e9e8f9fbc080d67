extensions = ["medkb.disclaimer"]
medkb_disclaimer_snippet = "notice.md"
