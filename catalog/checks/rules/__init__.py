"""Rule modules, one family each; every module here is imported by engine.load_rules and registers with @rule."""
