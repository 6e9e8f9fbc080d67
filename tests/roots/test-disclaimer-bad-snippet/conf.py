extensions = ["medkb.disclaimer"]
