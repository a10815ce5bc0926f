"""Catalogs leaving and entering a workspace: standard Excel/PDF export, the county file (.gkml), import."""
