"""Reading filled answer sheets back: pages in, responses out, doubtful marks to a human.

pages.py turns scans (a scanner's PDF, PNG or JPEG photos) into grey images; align.py
finds the fiducials and undoes rotation, scale, perspective and an upside-down page;
marks.py reads the QR code, roll number, series and every bubble as blank, filled or
ambiguous; command.py writes responses.csv (what `score` reads), review.csv and the crops
a teacher must look at.
"""
