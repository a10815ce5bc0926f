"""村务公开栏 noticeboard sheets: import subsidy rosters, validate, mask and print per-village 公示."""
