"""公开时限 and working days: parsing time-limit text, holiday tables, due dates."""
