"""The classroom: class packs, scanning filled answer sheets, scoring and item analysis."""
