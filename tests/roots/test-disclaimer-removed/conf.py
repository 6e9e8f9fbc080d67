from docutils import nodes

extensions = ["medkb.disclaimer"]
medkb_disclaimer_snippet = "notice.md"


def tamper(app, doctree):
    """Stands for a third-party extension that mangles pages after reading."""
    boxes = [n for n in doctree.findall(nodes.admonition)]
    if app.env.docname == "stripped":
        for box in boxes:
            box.parent.remove(box)
    if app.env.docname == "doubled":
        boxes[0].parent.insert(0, boxes[0].deepcopy())


def setup(app):
    app.connect("doctree-read", tamper, priority=500)
