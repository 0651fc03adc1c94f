"""Build: render checked sources to PDFs, incrementally, in workers, into <out>/<id>/."""
