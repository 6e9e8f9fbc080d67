extensions = ["medkb.disclaimer"]
medkb_disclaimer_snippet = "notice.md"
medkb_disclaimer_exempt = ["legal"]
