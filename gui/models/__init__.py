"""Qt item models over domain objects (no widgets filled by hand)."""
