"""Knowledge as data: YAML/CSV files with schemas, loaded and validated with file:line errors.

Data files live beside this module (actors/, cameo/, lexicons); users add their own by path.
"""

from .load import DATA_DIR, load_csv_records, load_yaml_records

__all__ = ["DATA_DIR", "load_csv_records", "load_yaml_records"]
