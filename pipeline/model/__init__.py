"""The content model: one typed, immutable view of a checked source, read by every output."""
