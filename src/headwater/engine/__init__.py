"""The data plane: pure functions over Arrow iterators, composed in ``pipeline.py``.

discover ─► read (codec ∘ format) ─► RecordBatch* ─► map ─► validate ─► (valid, rejected) ─► stage
─► commit (one Delta commit per run). Incremental state goes in (the ledger's file keys) and out
(the files a run took) as values; ``services`` persists it.
"""

from headwater.engine.plan import FileOutcome, RunOutcome, RunPlan, SourcePlan, TargetPlan

__all__ = ["FileOutcome", "RunOutcome", "RunPlan", "SourcePlan", "TargetPlan"]
