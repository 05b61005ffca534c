"""Engines that run the pipeline's per-document work somewhere else than this process.

The local engine is the pipeline itself (`wirewatch.ingest.pipeline`, `wirewatch.extract.stage`);
`ray_engine` maps the same per-document functions over a Ray cluster and stores the results
through the same writes, in input order, so both engines build the same store.
"""
