"""Scale tests: the generator, the fast reader, the cache, JSON input, the indexes."""
