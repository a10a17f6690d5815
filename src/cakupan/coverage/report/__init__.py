"""The rakor report (PDF/XLSX) of a region on a date."""
