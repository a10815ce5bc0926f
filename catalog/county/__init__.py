"""County mode: import a folder of township catalog files, keep their history, overview and summary
workbook."""
