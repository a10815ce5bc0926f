"""The first-run wizard: township profile, villages, domains, then compile."""
