"""Raw fetches, kept as WARC files (ISO 28500): this package owns that store."""
