"""The guides: the 26 shipped ones, imported official versions, their changes reaching a catalog."""
