"""The cross-check: embed claim contexts, cluster claims that state one fact, compare them.

Owns ``embed`` (the Embedder Protocol and the registry of backends), ``cache``
(embeddings on disk, keyed by model identity, weights digest and text), ``evidence``
(what may be compared: pair features and the learned pair model), ``cluster``,
``compare`` (intervals, unit conversion and verdicts), ``explain`` (why two claims were
or were not compared) and ``pipeline``, the only
module that knows the stage order (``factcheck.report``). May import
``factcheck.models``, ``units``, ``settings``, ``errors``, ``progress``, ``sources``,
``extract`` and ``render.display`` (to word its explanations); never ``factsheet``
or ``cli``.
"""
