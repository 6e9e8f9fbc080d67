extensions = ["medkb.review"]
