"""Personal data: recognising and masking it (pii), and the pre-publication privacy scan of files."""
