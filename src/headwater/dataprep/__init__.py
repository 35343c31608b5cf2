"""Data Prep: the calculated-field expression language (text → AST → vectorised Polars)."""
