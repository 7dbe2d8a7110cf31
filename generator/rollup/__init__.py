"""`generator 汇总`: a city's county file made from its counties' files.

read (each county file validated as `validate` does, boiled down to the few figures and texts a roll-up
needs), store (those kept in a temporary SQLite database, not in memory: memory stays flat in the number of
files), combine (which files count), totals (exact sums of 存量 and 流量 figures, ranges of 水平 ones, one
streamed pass each), checks (located findings), write (the city file with its comments, its lists of
counties cut short; the trace written as it is read) and table (the comparison workbook, write-only).
"""
