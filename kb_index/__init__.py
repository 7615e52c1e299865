"""The knowledge-base search engine: Whoosh schema, Chinese/pinyin analysis, synonyms,
build, incremental update, search and benchmark. No Qt, no seat_app imports."""
