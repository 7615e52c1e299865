"""Imports every module that declares central tables, so ``Base.metadata`` is complete
(Alembic's env, the schema check, ``create_all`` in tests). A new ``models_*.py`` is added
here, once."""

from __future__ import annotations

import seat_app.services.store.models
import seat_app.services.store.models_analysis
import seat_app.services.store.models_deploy
import seat_app.services.store.models_dispatch
import seat_app.services.store.models_intake
import seat_app.services.store.models_kb_upkeep
import seat_app.services.store.models_live
import seat_app.services.store.models_ops
import seat_app.services.store.models_quality
import seat_app.services.store.models_security
import seat_app.services.store.models_telephony
import seat_app.services.store.models_training  # noqa: F401
