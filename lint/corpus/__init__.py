"""Corpus mode: lint and clean JSONL/Parquet records at scale, locally or on Dask."""
