"""How the assessed model was built: its components and the route by which each reaches it.

Owns the lineage model (`model`), what each license's routes mean for its questions (`reach`),
and the readers that pre-fill a lineage from a model card or an AI BOM. Imports the content layer
(catalog ids, license identification); the engine (`scoring`) imports this, never the reverse.
"""
