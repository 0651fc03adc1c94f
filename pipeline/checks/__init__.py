"""Checks: load a source, check its shape against the schema, then every semantic rule."""
