"""Rule modules, one family each: engine.load_rules imports every module here; each registers with @rule."""
