"""Rules of the review ("Did it work for me?", issue #19): when a review is due, runs, evidence.

Plain functions on dates, numbers and text: no Flet, no TinyDB, no clock
(today is always handed in). `marks.py`: what counts as practised, when a
review is due; `evidence.py`: the words a review and *What works for me* show.
"""
